package dev.gantry.tui.sync;

import dev.gantry.tui.client.EngineClient;
import dev.gantry.tui.state.DashboardState;
import dev.gantry.tui.state.EventRow;
import dev.gantry.tui.state.ScanSummary;
import java.io.IOException;
import java.util.Set;

/**
 * The {@code /events} stream: each message goes to the Events pane, and the lists it touches are fetched again
 * (and only those). It is what keeps the Containers pane live without re-listing on a timer.
 */
final class EventFeed {
    private static final Set<String> QUIET_CONTAINER_ACTIONS = Set.of("attach", "detach", "resize", "top",
            "archive-path", "extract-to-dir", "export", "copy", "commit");
    private final EngineClient client;
    private final DashboardState state;
    private final Refresher refresher;
    private volatile EngineClient.Stream stream;
    private volatile boolean running;

    EventFeed(EngineClient client, DashboardState state, Refresher refresher) {
        this.client = client;
        this.state = state;
        this.refresher = refresher;
    }

    /** Opens the stream; the call returns once the engine has answered, so nothing after it is missed. */
    void start(Runnable onEnd) throws IOException {
        EngineClient.Stream s = client.stream("/events");
        stream = s;
        running = true;
        Thread.ofVirtual().name("events").start(() -> {
            try (s) {
                s.eachJson(n -> apply(EventRow.from(n), n.path("Actor").path("Attributes")));
            } catch (IOException | RuntimeException e) {
                // ended: the connector pings and reconnects
            } finally {
                running = false;
                onEnd.run();
            }
        });
    }

    boolean running() {
        return running;
    }

    void stop() {
        EngineClient.Stream s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // best effort
            }
        }
    }

    void apply(EventRow e, com.fasterxml.jackson.databind.JsonNode attrs) {
        state.event(e);
        if (e.type().equals("container") && (e.action().equals("start") || e.action().equals("restart"))) {
            state.restarted(e.actorId());
        }
        for (Kind k : kinds(e)) {
            refresher.request(k);
        }
        if (e.type().equals("image") && e.action().equals("scan")) {
            state.scan(e.actorId(), ScanSummary.fromEventAttributes(attrs));
        }
    }

    /** The lists an event changes. */
    static Kind[] kinds(EventRow e) {
        return switch (e.type()) {
            case "container" -> e.action().startsWith("exec_") || QUIET_CONTAINER_ACTIONS.contains(e.action())
                    ? new Kind[0] : new Kind[] {Kind.CONTAINERS};
            case "image" -> e.action().equals("scan") ? new Kind[0] : new Kind[] {Kind.IMAGES};
            case "volume" -> new Kind[] {Kind.VOLUMES};
            case "network" -> e.action().equals("connect") || e.action().equals("disconnect")
                    ? new Kind[] {Kind.NETWORKS, Kind.CONTAINERS} : new Kind[] {Kind.NETWORKS};
            case "hook" -> new Kind[] {Kind.HOOKS};
            default -> new Kind[0];
        };
    }
}
