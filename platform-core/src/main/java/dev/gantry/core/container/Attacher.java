package dev.gantry.core.container;

import dev.gantry.core.logs.LogQuery;
import dev.gantry.core.logs.LogStreamer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Attaches clients to containers: output from the container's log as conmon writes it (so nothing written
 * between create and attach is lost, and a client that attaches before start sees everything), input through
 * conmon's attach socket.
 */
public final class Attacher {
    /** Docker's attach query: replay the log, follow it, and which streams. */
    public record Options(boolean logs, boolean stream, boolean stdin, boolean stdout, boolean stderr) {
    }

    private final ContainerSupervisor supervisor;

    public Attacher(ContainerSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    public Session attach(String ref, Options o, OutputSink sink) throws IOException {
        Container c = supervisor.store().resolve(ref);
        int generation = c.generation();
        boolean wasAlive = c.status().alive();
        Path log = supervisor.logFile(c.id());
        // taken now, before the caller starts the container, so its first output is not taken as old
        LogStreamer.Position from = o.logs() || !o.stream() ? new LogStreamer.Position(null, 0) : LogStreamer.end(log);
        StdinPipe stdin = o.stdin() && o.stream() && c.openStdin() ? supervisor.stdinFor(c) : null;
        Session session = new Session(stdin, () -> {
            if (stdin != null) {
                supervisor.dropStdin(c, stdin);
            }
        });
        AttachedReaders.Reading reading = supervisor.attachedReader(c.id());
        Thread.ofVirtual().name("attach-" + c.shortId()).start(() -> {
            try (reading) {
                // all of it when asked for the logs (or for no stream at all), else what comes after the attach
                LogQuery query = new LogQuery(Long.MIN_VALUE, Long.MAX_VALUE, -1, o.stdout(), o.stderr(), o.stream(),
                        false, null);
                LogStreamer.streamFrom(log, from, query, () -> !finished(c.id(), generation, wasAlive),
                        new SinkOutput(sink, () -> session.closed() || sink.closed()));
            } catch (IOException e) {
                // the log went away with the container: the stream simply ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sink.end();
                session.close();
            }
        });
        return session;
    }

    private boolean finished(String id, int generation, boolean wasAlive) {
        return supervisor.store().get(id)
                .map(now -> !now.status().alive() && (wasAlive || now.generation() > generation))
                .orElse(true);
    }
}
