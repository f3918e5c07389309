package dev.gantry.core.logs;

/**
 * Where a log read sends its lines. {@link #write} may block while the client is slow: the read then pauses, so
 * the engine holds no more than the writer's own bounded buffer, whatever the log's size.
 */
public interface LogOutput {
    /** Part of a line of {@code stream} ({@link LogRecord#STDOUT} or {@link LogRecord#STDERR}). */
    void write(int stream, byte[] bytes, int offset, int length) throws InterruptedException;

    /** The read has caught up with the log: send what is held. */
    void flush() throws InterruptedException;

    /** Whether the client went away, so the read can stop. */
    boolean closed();
}
