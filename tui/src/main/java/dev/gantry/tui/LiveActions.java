package dev.gantry.tui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.tui.client.EngineClient;
import dev.gantry.tui.client.Json;
import dev.gantry.tui.client.LogFrames;
import dev.gantry.tui.keys.Actions;
import dev.gantry.tui.state.DashboardState;
import dev.gantry.tui.state.LogBuffer;
import dev.gantry.tui.state.Snapshot;
import dev.gantry.tui.sync.EngineSync;
import dev.gantry.tui.sync.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The actions against the live engine: each runs off the UI thread and reports in the message line. */
final class LiveActions implements Actions {
    private final EngineClient client;
    private final DashboardState state;
    private final EngineSync sync;
    private final Consumer<String[]> shell;
    private final Object logLock = new Object();
    private EngineClient.Stream logStream;
    private LogBuffer logBuffer;

    LiveActions(EngineClient client, DashboardState state, EngineSync sync, Consumer<String[]> shell) {
        this.client = client;
        this.state = state;
        this.sync = sync;
        this.shell = shell;
    }

    @Override
    public void paneShown(int pane) {
        sync.visible(pane);
        switch (pane) {
            case 3 -> sync.request(Kind.VOLUMES, Kind.VOLUME_SIZES);
            case 6 -> sync.request(Kind.TRACES);
            case 7 -> sync.request(Kind.HOOKS);
            case 8 -> sync.request(Kind.ENGINE);
            default -> {
            }
        }
    }

    @Override
    public void container(String id, String verb) {
        act(verb + " " + shortId(id), () -> client.post("/containers/" + id + "/" + verb));
    }

    @Override
    public void removeContainer(String id) {
        act("remove " + shortId(id), () -> client.delete("/containers/" + id + "?force=1"));
    }

    @Override
    public void removeImage(String id) {
        act("remove image " + shortId(id), () -> client.delete("/images/" + EngineClient.segment(id)));
    }

    @Override
    public void pruneImages() {
        act("prune images", () -> client.post("/images/prune"));
    }

    @Override
    public void removeVolume(String name) {
        act("remove volume " + name, () -> client.delete("/volumes/" + EngineClient.segment(name)));
    }

    @Override
    public void pruneVolumes() {
        act("prune volumes", () -> client.post("/volumes/prune"));
    }

    private interface Call {
        void run() throws IOException;
    }

    private void act(String what, Call call) {
        state.message(what + "…");
        sync.run(() -> {
            try {
                call.run();
                state.message(what + ": done");
            } catch (IOException e) {
                state.message(what + ": " + e.getMessage());
            }
        });
    }

    @Override
    public LogBuffer openLogs(String id) {
        closeLogs();
        LogBuffer buffer = new LogBuffer();
        synchronized (logLock) {
            logBuffer = buffer;
        }
        Thread.ofVirtual().name("logs").start(() -> {
            try (EngineClient.Stream s = client.stream("/containers/" + id
                    + "/logs?follow=1&stdout=1&stderr=1&tail=500")) {
                synchronized (logLock) {
                    if (logBuffer != buffer) {
                        return; // the view was closed while the stream opened
                    }
                    logStream = s;
                }
                new LogFrames(LogFrames.multiplexed(s.contentType())).read(s.body(), buffer::add);
                buffer.end("the log stream ended");
            } catch (IOException e) {
                buffer.end(e.getMessage() == null ? "closed" : e.getMessage());
            }
        });
        return buffer;
    }

    @Override
    public void closeLogs() {
        EngineClient.Stream s;
        synchronized (logLock) {
            s = logStream;
            logStream = null;
            logBuffer = null;
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // the reader ends either way
            }
        }
    }

    @Override
    public CompletableFuture<JsonNode> details(int pane, String key) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        Snapshot snap = state.snapshot();
        Thread.ofVirtual().name("details").start(() -> {
            try {
                f.complete(switch (pane) {
                    case 1 -> client.get("/containers/" + key + "/json");
                    case 2 -> client.get("/images/" + EngineClient.segment(key) + "/json");
                    case 3 -> client.get("/volumes/" + EngineClient.segment(key));
                    case 4 -> client.get("/networks/" + EngineClient.segment(key));
                    case 5 -> Json.MAPPER.valueToTree(snap.events().stream()
                            .filter(e -> (e.timeNanos() + e.actorId() + e.action()).equals(key)).findFirst().orElse(null));
                    case 6 -> client.get("/gantry/v1/traces/" + EngineClient.segment(key));
                    case 7 -> Json.MAPPER.valueToTree(snap.hooks().stream()
                            .filter(h -> h.name().equals(key)).findFirst().orElse(null));
                    default -> client.get("/info");
                });
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Override
    public void openTrace(String traceId) {
        sync.openTrace(traceId);
    }

    @Override
    public void exec(String id) {
        String docker = Files.isExecutable(Path.of("/usr/local/bin/docker")) ? "/usr/local/bin/docker" : "docker";
        shell.accept(new String[] {docker, "-H", client.host().toString(), "exec", "-it", id, "sh", "-c",
            "if command -v bash >/dev/null; then exec bash; else exec sh; fi"});
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
