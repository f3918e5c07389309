package dev.gantry.tui.sync;

import dev.gantry.tui.client.EngineClient;
import dev.gantry.tui.state.DashboardState;
import dev.gantry.tui.state.Link;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the state in step with the engine. A connector thread pings every five seconds (with a deadline, so
 * a hung engine counts as gone); on connect it opens the events stream and lists everything once; on loss it
 * closes the streams, shows "disconnected" and tries again with back-off (1 s doubling to 10 s).
 */
public final class EngineSync {
    private static final Duration PING = Duration.ofSeconds(3);
    // each ping costs the engine a traced request (about 9 ms of CPU on the loaded 2-core test machine); a
    // stopped engine is seen at once anyway, as the events stream ends
    private static final long TICK_MILLIS = 5000;
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    private final EngineClient client;
    private final DashboardState state;
    private final StatsFeeds stats;
    private final Refresher refresher;
    private final EventFeed events;
    private volatile Thread connector;
    private volatile boolean stopped;
    private volatile int visiblePane;
    private long lastPaneTick;

    public EngineSync(EngineClient client, DashboardState state) {
        this.client = client;
        this.state = state;
        this.stats = new StatsFeeds(client, state);
        this.refresher = new Refresher(new Fetcher(client, state), state, stats, this::wake);
        this.events = new EventFeed(client, state, refresher);
    }

    public void start() {
        connector = Thread.ofPlatform().daemon().name("dashboard-connector").start(this::loop);
    }

    public void stop() {
        stopped = true;
        wake();
        events.stop();
        stats.stopAll();
        refresher.shutdown();
    }

    /** Something failed: ping now rather than at the next tick. */
    void wake() {
        Thread t = connector;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    public void request(Kind... kinds) {
        refresher.request(kinds);
    }

    /** The pane on screen, so that its Gantry-only list (traces, hooks, engine figures) is fetched while shown. */
    public void visible(int pane) {
        if (visiblePane != pane) {
            visiblePane = pane;
            lastPaneTick = 0;
            wake();
        }
    }

    /** The Containers pane's rows on screen: only they get a stats stream. */
    public void statsFor(java.util.Set<String> containerIds) {
        stats.shown(containerIds);
    }

    public void openTrace(String traceId) {
        refresher.run(() -> new Fetcher(client, state).openTrace(traceId));
    }

    public void run(Refresher.IoTask task) {
        refresher.run(task);
    }

    public int statsStreams() {
        return stats.open();
    }

    private void loop() {
        long backoff = 1000;
        while (!stopped) {
            try {
                client.call("GET", "/_ping", PING);
                if (!state.link().connected() || !events.running()) {
                    connect();
                }
                backoff = 1000;
                paneTick();
                LockSupport.parkNanos(TICK_MILLIS * 1_000_000L);
            } catch (IOException | RuntimeException e) {
                disconnect(e, backoff);
                LockSupport.parkNanos(backoff * 1_000_000L);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    private void connect() throws IOException {
        events.stop();
        events.start(this::wake);
        state.link(Link.up());
        state.message("");
        refresher.request(Kind.values());
    }

    private void disconnect(Exception e, long backoff) {
        if (stopped) {
            return;
        }
        events.stop();
        stats.stopAll();
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        state.link(Link.down(reason, System.currentTimeMillis() + backoff));
    }

    /** The shown pane's own list, every tick: traces, hooks and engine figures have no event stream. */
    private void paneTick() {
        long now = System.currentTimeMillis();
        if (now - lastPaneTick < 2500) {
            return;
        }
        lastPaneTick = now;
        switch (visiblePane) {
            case 6 -> refresher.request(Kind.TRACES);
            case 7 -> refresher.request(Kind.HOOKS);
            case 8 -> refresher.request(Kind.ENGINE);
            default -> {
            }
        }
    }
}
