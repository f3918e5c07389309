package dev.gantry.rest.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.Attacher;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.ContainerLog;
import dev.gantry.core.container.ContainerSupervisor;
import dev.gantry.core.container.Execs;
import dev.gantry.core.container.LogAttributes;
import dev.gantry.core.container.LogDrivers;
import dev.gantry.core.container.OutputSink;
import dev.gantry.core.container.Session;
import dev.gantry.core.logs.LogQuery;
import dev.gantry.core.logs.LogStreamer;
import dev.gantry.rest.api.Backpressure;
import dev.gantry.rest.api.DockerError;
import dev.gantry.rest.api.DockerTime;
import dev.gantry.rest.api.ErrorStatus;
import dev.gantry.rest.api.Hijack;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;

/**
 * The container endpoints that stream: {@code logs}, and the hijacked {@code attach} and {@code exec start}.
 * Raw Vert.x routes, because their bodies never end on a schedule JAX-RS knows of.
 */
@ApplicationScoped
public class ContainerStreams {
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;
    private final ContainerSupervisor supervisor;
    private final Attacher attacher;
    private final Execs execs;

    ContainerStreams(ContainerSupervisor supervisor, Attacher attacher, Execs execs) {
        this.supervisor = supervisor;
        this.attacher = attacher;
        this.execs = execs;
    }

    void register(@Observes Router router) {
        router.post("/containers/:id/attach").handler(this::attach);
        router.get("/containers/:id/logs").handler(this::logs);
        router.post("/exec/:id/start").handler(io.vertx.ext.web.handler.BodyHandler.create(false).setBodyLimit(1 << 20))
                .handler(this::execStart);
        router.post("/containers/:id/wait").handler(this::waitFor);
        router.get("/containers/:id/stats").handler(this::stats);
    }

    /** {@code GET /containers/{id}/stats}: a sample a second while streaming, else one (after a short first look). */
    private void stats(RoutingContext rc) {
        Container c;
        try {
            c = supervisor.store().resolve(rc.pathParam("id"));
        } catch (EngineException e) {
            fail(rc, e);
            return;
        }
        String streamParam = rc.queryParams().get("stream");
        boolean stream = streamParam == null || flag(streamParam);
        boolean oneShot = flag(rc.queryParams().get("one-shot"));
        HttpServerResponse response = rc.response().setChunked(true).setStatusCode(200)
                .putHeader("Content-Type", "application/json");
        String id = c.id();
        Thread.ofVirtual().start(() -> {
            dev.gantry.core.container.StatsSample previous = null;
            try {
                if (!stream && !oneShot) {
                    previous = dev.gantry.core.container.ContainerStats.sample(supervisor.store().resolve(id));
                    Thread.sleep(500);
                }
                while (!response.closed()) {
                    // a client that does not read gets no new samples until it does
                    Backpressure.awaitWritable(response, response::closed);
                    Container now = supervisor.store().get(id).orElse(null);
                    if (now == null) {
                        break;
                    }
                    var sample = dev.gantry.core.container.ContainerStats.sample(now);
                    String line = StatsJson.render(sample, previous) + "\n";
                    previous = sample;
                    rc.vertx().runOnContext(v -> {
                        if (!response.ended() && !response.closed()) {
                            response.write(line);
                        }
                    });
                    if (!stream) {
                        break;
                    }
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                rc.vertx().runOnContext(v -> {
                    if (!response.ended() && !response.closed()) {
                        response.end();
                    }
                });
            }
        });
    }

    /**
     * {@code POST /containers/{id}/wait}: the status line and headers go out at once, the body when the condition
     * holds. The CLI sends this before it starts a container and blocks until the headers arrive.
     */
    private void waitFor(RoutingContext rc) {
        java.util.concurrent.CompletableFuture<Integer> result;
        try {
            result = supervisor.waitFor(rc.pathParam("id"), rc.queryParams().get("condition"));
        } catch (EngineException e) {
            fail(rc, e);
            return;
        }
        HttpServerResponse response = rc.response().setChunked(true).setStatusCode(200)
                .putHeader("Content-Type", "application/json");
        response.write("");
        result.whenComplete((code, error) -> rc.vertx().runOnContext(v -> {
            if (!response.ended() && !response.closed()) {
                var out = JSON.createObjectNode().put("StatusCode", code == null ? -1 : code);
                if (error == null) {
                    out.putNull("Error");
                } else {
                    out.putObject("Error").put("Message", String.valueOf(error.getMessage()));
                }
                response.end(out + "\n");
            }
        }));
    }

    private void attach(RoutingContext rc) {
        Container c;
        try {
            c = supervisor.store().resolve(rc.pathParam("id"));
        } catch (EngineException e) {
            fail(rc, e);
            return;
        }
        var q = rc.queryParams();
        Attacher.Options o = new Attacher.Options(flag(q.get("logs")), flag(q.get("stream")), flag(q.get("stdin")),
                flag(q.get("stdout")), flag(q.get("stderr")));
        byte[] detachKeys;
        try {
            detachKeys = DetachKeys.parse(q.get("detachKeys"));
        } catch (EngineException e) {
            fail(rc, e);
            return;
        }
        boolean tty = c.tty();
        Hijack.upgrade(rc.request(), tty ? Hijack.RAW : Hijack.MULTIPLEXED).onSuccess(socket -> {
            SocketSink sink = new SocketSink(socket, tty);
            InputRelay relay = pipeInput(socket, sink, o.stdin(), c.config().stdinOnce(),
                    tty ? detachKeys : null);
            Thread.ofVirtual().start(() -> {
                try {
                    relay.open(attacher.attach(c.id(), o, sink));
                } catch (IOException | RuntimeException e) {
                    sink.end();
                }
            });
        }).onFailure(e -> fail(rc, e));
    }

    /**
     * Client bytes go to the session; the client's end of input ends the process's input. The detach keys
     * (ctrl-p ctrl-q unless the client names others) end the attach without touching the process; as in dockerd
     * only a process with a terminal has them ({@code detachKeys} null), so a pipe passes every byte. Set up as soon
     * as the socket exists, since Vert.x drops what arrives before a handler is set; input waits in the relay until
     * the session is open.
     */
    private static InputRelay pipeInput(NetSocket socket, SocketSink sink, boolean wanted, boolean endInputOnEof,
                                        byte[] detachKeys) {
        InputRelay relay = new InputRelay(socket);
        DetachKeys detach = detachKeys == null ? null : new DetachKeys(detachKeys);
        socket.handler(buf -> {
            if (!wanted) {
                return;
            }
            byte[] bytes = buf.getBytes();
            if (detach != null && detach.detaches(bytes)) {
                relay.detach();
                return;
            }
            relay.input(bytes);
        });
        Hijack.onInputEnd(socket, () -> {
            if (endInputOnEof) {
                relay.endInput();
            }
        });
        socket.closeHandler(v -> {
            sink.closed = true;
            relay.detach();
        });
        return relay;
    }

    /** Holds a client's input until its session opens, then passes it on in order. */
    static final class InputRelay {
        private final NetSocket socket;
        private final java.util.List<byte[]> pending = new java.util.ArrayList<>();
        private Session session;
        private boolean ended;
        private boolean detached;

        InputRelay(NetSocket socket) {
            this.socket = socket;
        }

        synchronized void open(Session s) {
            session = s;
            try {
                for (byte[] b : pending) {
                    s.input(b, b.length);
                }
            } catch (IOException e) {
                socket.close();
            }
            pending.clear();
            if (ended) {
                s.endInput();
            }
            if (detached) {
                s.close();
            }
        }

        synchronized void input(byte[] bytes) {
            if (session == null) {
                pending.add(bytes);
                return;
            }
            try {
                session.input(bytes, bytes.length);
            } catch (IOException e) {
                socket.close();
            }
        }

        synchronized void endInput() {
            ended = true;
            if (session != null) {
                session.endInput();
            }
        }

        synchronized void detach() {
            detached = true;
            if (session != null) {
                session.close();
            }
            socket.close();
        }
    }

    private void execStart(RoutingContext rc) {
        {
            Buffer body = rc.body().buffer() == null ? Buffer.buffer() : rc.body().buffer();
            JsonNode req;
            Execs.Exec exec;
            try {
                req = body.length() == 0 ? JSON.createObjectNode() : JSON.readTree(body.getBytes());
                exec = execs.get(rc.pathParam("id"));
            } catch (IOException e) {
                new DockerError("invalid JSON: " + e.getMessage()).send(rc.response(), 400);
                return;
            } catch (EngineException e) {
                fail(rc, e);
                return;
            }
            if (req.path("Detach").asBoolean(false)) {
                Thread.ofVirtual().start(() -> {
                    try {
                        execs.start(exec.id, true, null);
                        rc.vertx().runOnContext(v -> rc.response().setStatusCode(200).end());
                    } catch (IOException | RuntimeException e) {
                        rc.vertx().runOnContext(v -> fail(rc, e));
                    }
                });
                return;
            }
            // the start request's Tty, not the exec's, decides the framing, as in dockerd; clients send the same
            boolean raw = req.path("Tty").asBoolean(false);
            byte[] detachKeys = exec.tty() ? DetachKeys.parse(exec.config.detachKeys()) : null;
            Hijack.upgrade(rc.request(), raw ? Hijack.RAW : Hijack.MULTIPLEXED).onSuccess(socket -> {
                SocketSink sink = new SocketSink(socket, raw);
                InputRelay relay = pipeInput(socket, sink, exec.config.attachStdin(), true, detachKeys);
                Thread.ofVirtual().start(() -> {
                    try {
                        relay.open(execs.start(exec.id, false, sink));
                    } catch (IOException | RuntimeException e) {
                        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                        sink.write(ContainerLog.STDERR, (msg + "\n").getBytes());
                        sink.end();
                    }
                });
            }).onFailure(e -> fail(rc, e));
        }
    }

    private void logs(RoutingContext rc) {
        var q = rc.queryParams();
        Container c;
        long since;
        long until;
        int tail;
        try {
            c = supervisor.store().resolve(rc.pathParam("id"));
            since = "0".equals(q.get("since")) ? Long.MIN_VALUE : DockerTime.nanos(q.get("since"), Long.MIN_VALUE);
            until = "0".equals(q.get("until")) ? Long.MAX_VALUE : DockerTime.nanos(q.get("until"), Long.MAX_VALUE);
            String t = q.get("tail");
            tail = t == null || t.isEmpty() || t.equals("all") ? -1 : Integer.parseInt(t);
        } catch (EngineException e) {
            fail(rc, e);
            return;
        } catch (NumberFormatException e) {
            new DockerError("invalid value for tail: " + q.get("tail")).send(rc.response(), 400);
            return;
        }
        boolean stdout = flag(q.get("stdout"));
        boolean stderr = flag(q.get("stderr"));
        if (!stdout && !stderr) {
            new DockerError("Bad parameters: you must choose at least one stream").send(rc.response(), 400);
            return;
        }
        if (!LogDrivers.readable(c.hostConfig())) {
            new DockerError("configured logging driver does not support reading").send(rc.response(), 501);
            return;
        }
        LogQuery query = new LogQuery(since, until, tail, stdout, stderr, flag(q.get("follow")),
                flag(q.get("timestamps")), flag(q.get("details")) ? LogAttributes.of(c) : null);
        HttpServerResponse response = rc.response().setChunked(true).setStatusCode(200)
                .putHeader("Content-Type", c.tty() ? Hijack.RAW : Hijack.MULTIPLEXED);
        if (query.follow()) {
            response.write(""); // a follower's client waits for the headers before the first line comes
        }
        LogFrames frames = new LogFrames(response, c.tty(), query.follow());
        String id = c.id();
        Thread.ofVirtual().name("logs-" + c.shortId()).start(() -> {
            try {
                LogStreamer.stream(supervisor.logFile(id), query,
                        () -> supervisor.store().get(id).map(x -> x.status().alive()).orElse(false), frames);
            } catch (IOException e) {
                // the container went away: the stream ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                frames.end();
            }
        });
    }

    static boolean flag(String v) {
        return dev.gantry.rest.api.DockerBooleans.parse(v);
    }

    private static void fail(RoutingContext rc, Throwable e) {
        new DockerError(e.getMessage() == null ? e.toString() : e.getMessage()).send(rc.response(), ErrorStatus.of(e));
    }

    /** Output onto a hijacked socket: framed unless a terminal. */
    static final class SocketSink implements OutputSink {
        private final NetSocket socket;
        private final boolean tty;
        volatile boolean closed;

        SocketSink(NetSocket socket, boolean tty) {
            this.socket = socket;
            this.tty = tty;
        }

        /** Called on the session's own virtual thread: waits while the client has not taken what was sent. */
        @Override
        public void write(int stream, byte[] data) {
            try {
                dev.gantry.rest.api.Backpressure.awaitWritable(socket, () -> closed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!closed) {
                socket.write(Buffer.buffer(tty ? data : Hijack.frame(stream, data)));
            }
        }

        @Override
        public void end() {
            if (!closed) {
                closed = true;
                socket.close();
            }
        }

        @Override
        public boolean closed() {
            return closed;
        }
    }
}
