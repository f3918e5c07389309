package dev.gantry.tui.sync;

import dev.gantry.tui.client.EngineClient;
import dev.gantry.tui.state.ContainerRow;
import dev.gantry.tui.state.DashboardState;
import dev.gantry.tui.state.StatsSample;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@code /containers/{id}/stats} stream per running container on screen, each on a virtual thread: the engine
 * pushes a reading a second, and nothing is polled. Each stream costs the engine a cgroup read a second, so only
 * the rows the Containers pane shows get one (a 40-line terminal: about 35, whatever the container count).
 * {@link #sync} starts and ends streams as containers start and stop and as the rows shown change.
 */
final class StatsFeeds {
    private final EngineClient client;
    private final DashboardState state;
    private final Map<String, Feed> feeds = new HashMap<>();
    private List<ContainerRow> containers = List.of();
    private Set<String> shown = Set.of();

    StatsFeeds(EngineClient client, DashboardState state) {
        this.client = client;
        this.state = state;
    }

    /** The containers' rows on screen now. */
    synchronized void shown(Set<String> ids) {
        if (!ids.equals(shown)) {
            shown = Set.copyOf(ids);
            sync(containers);
        }
    }

    synchronized void sync(List<ContainerRow> list) {
        containers = list;
        Set<String> running = list.stream().filter(c -> c.state().equals("running") && shown.contains(c.id()))
                .map(ContainerRow::id).collect(Collectors.toSet());
        feeds.entrySet().removeIf(e -> {
            if (!running.contains(e.getKey()) || !e.getValue().alive()) {
                e.getValue().stop();
                return true;
            }
            return false;
        });
        for (String id : running) {
            feeds.computeIfAbsent(id, this::start);
        }
    }

    synchronized int open() {
        return feeds.size();
    }

    synchronized void stopAll() {
        feeds.values().forEach(Feed::stop);
        feeds.clear();
    }

    private Feed start(String id) {
        Feed f = new Feed(id);
        f.thread = Thread.ofVirtual().name("stats-" + id.substring(0, Math.min(12, id.length()))).start(f::run);
        return f;
    }

    private final class Feed {
        private final String id;
        private volatile EngineClient.Stream stream;
        private volatile boolean stopped;
        private volatile boolean ended;
        private Thread thread;

        Feed(String id) {
            this.id = id;
        }

        void run() {
            try (EngineClient.Stream s = client.stream("/containers/" + id + "/stats?stream=1")) {
                stream = s;
                if (stopped) {
                    return;
                }
                s.eachJson(n -> {
                    if (!stopped) {
                        state.stats(id, StatsSample.from(n));
                    }
                });
            } catch (IOException | RuntimeException e) {
                // the stream ends with the container or the engine; the next re-list decides whether to reopen
            } finally {
                ended = true;
            }
        }

        boolean alive() {
            return !ended;
        }

        void stop() {
            stopped = true;
            EngineClient.Stream s = stream;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing is best effort: the thread ends either way
                }
            }
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
