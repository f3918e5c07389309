package dev.gantry.core.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Attached clients' input: a pipe per client, connected to conmon's attach socket when the container runs, and
 * kept for the next run when it does not yet (the CLI's {@code run} attaches before it starts).
 */
final class StdinPipes {
    private final Map<String, List<StdinPipe>> pending = new ConcurrentHashMap<>();
    private final Function<String, Path> attachSocket;

    /** @param attachSocket the attach socket of a container, by its short ID */
    StdinPipes(Function<String, Path> attachSocket) {
        this.attachSocket = attachSocket;
    }

    StdinPipe open(Container c, boolean running) {
        StdinPipe pipe = new StdinPipe();
        pending.computeIfAbsent(c.id(), k -> new CopyOnWriteArrayList<>()).add(pipe);
        if (running) {
            connect(pipe, c);
        }
        return pipe;
    }

    /** A new run: the waiting pipes feed it. */
    void connectAll(Container c) {
        for (StdinPipe pipe : pending.getOrDefault(c.id(), List.of())) {
            connect(pipe, c);
        }
    }

    private void connect(StdinPipe pipe, Container c) {
        try {
            pipe.connect(attachSocket.apply(c.shortId()));
        } catch (IOException gone) {
            pipe.close();
        }
    }

    void drop(Container c, StdinPipe pipe) {
        List<StdinPipe> pipes = pending.get(c.id());
        if (pipes != null) {
            pipes.remove(pipe);
        }
        pipe.close();
    }

    /** The run ended: its clients' input ends with it. */
    void closeAll(String id) {
        List<StdinPipe> pipes = pending.remove(id);
        if (pipes != null) {
            pipes.forEach(StdinPipe::close);
        }
    }
}
