package dev.gantry.tui.sync;

import dev.gantry.tui.client.EngineException;
import dev.gantry.tui.state.ContainerRow;
import dev.gantry.tui.state.DashboardState;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fetches lists again when asked, on one background thread. Requests that arrive close together (a burst of
 * events) are merged into one fetch per kind after a short pause.
 */
final class Refresher {
    private static final long DEBOUNCE_MILLIS = 150;
    private final Fetcher fetcher;
    private final DashboardState state;
    private final StatsFeeds stats;
    private final Runnable suspect;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-refresh");
        t.setDaemon(true);
        return t;
    });
    private final Set<Kind> pending = EnumSet.noneOf(Kind.class);

    Refresher(Fetcher fetcher, DashboardState state, StatsFeeds stats, Runnable suspect) {
        this.fetcher = fetcher;
        this.state = state;
        this.stats = stats;
        this.suspect = suspect;
    }

    void request(Kind... kinds) {
        synchronized (pending) {
            boolean idle = pending.isEmpty();
            pending.addAll(List.of(kinds));
            if (idle) {
                worker.schedule(this::drain, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Runs a one-off task (open a trace, run an action) on the same thread, after the pending fetches. */
    void run(IoTask task) {
        worker.execute(() -> guarded(task));
    }

    public interface IoTask {
        void run() throws IOException;
    }

    private void drain() {
        Set<Kind> now;
        synchronized (pending) {
            now = EnumSet.copyOf(pending.isEmpty() ? EnumSet.noneOf(Kind.class) : pending);
            pending.clear();
        }
        for (Kind k : now) {
            if (!state.link().connected()) {
                return;
            }
            guarded(() -> fetch(k));
        }
    }

    private void fetch(Kind k) throws IOException {
        switch (k) {
            case CONTAINERS -> {
                List<ContainerRow> rows = fetcher.containers();
                stats.sync(rows);
            }
            case IMAGES -> fetcher.images();
            case VOLUMES -> fetcher.volumes();
            case VOLUME_SIZES -> fetcher.volumeSizes();
            case NETWORKS -> fetcher.networks();
            case ENGINE -> fetcher.engine();
            case TRACES -> fetcher.traces();
            case HOOKS -> fetcher.hooks();
        }
    }

    private void guarded(IoTask task) {
        try {
            task.run();
        } catch (EngineException e) {
            state.message("engine: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            state.message("request failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            suspect.run();
        }
    }

    void shutdown() {
        worker.shutdownNow();
    }
}
