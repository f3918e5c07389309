package dev.gantry.core.container;

/** Where an attach or exec session's output goes: chunks by stream, then the end. */
public interface OutputSink {
    /** @param stream {@link ContainerLog#STDOUT} or {@link ContainerLog#STDERR} */
    void write(int stream, byte[] data);

    void end();

    /** Whether the client went away, so the session can stop early. */
    boolean closed();
}
