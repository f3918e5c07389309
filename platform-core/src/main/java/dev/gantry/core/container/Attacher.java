package dev.gantry.core.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
        long offset = o.logs() ? 0 : ContainerLog.size(log);
        StdinPipe stdin = o.stdin() && o.stream() && c.openStdin() ? supervisor.stdinFor(c) : null;
        Session session = new Session(stdin, () -> {
            if (stdin != null) {
                supervisor.dropStdin(c, stdin);
            }
        });
        Thread.ofVirtual().name("attach-" + c.shortId()).start(() -> {
            try {
                if (!o.stream()) {
                    ContainerLog.read(log, 0, e -> deliver(o, sink, e));
                    return;
                }
                ContainerLog.follow(log, offset, () -> finished(c.id(), generation, wasAlive),
                        () -> session.closed() || sink.closed(), e -> deliver(o, sink, e));
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

    private static void deliver(Options o, OutputSink sink, ContainerLog.Entry e) {
        if ((e.stream() == ContainerLog.STDOUT && o.stdout()) || (e.stream() == ContainerLog.STDERR && o.stderr())) {
            sink.write(e.stream(), e.data());
        }
    }

}
