package dev.gantry.core.event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where core publishes what happens, and where {@code GET /events} listens. Keeps the last events in memory so
 * that {@code since} can replay them, as Docker keeps its last 256.
 *
 * <p>Listeners are called on the publishing thread and must not block: the server hands events to the
 * connection's own event loop.
 */
public final class EventBus {
    private final int keep;
    private final Deque<Event> recent = new ArrayDeque<>();
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();

    public EventBus(int keep) {
        this.keep = keep;
    }

    public void publish(Event e) {
        synchronized (recent) {
            recent.addLast(e);
            while (recent.size() > keep) {
                recent.removeFirst();
            }
            for (Subscription s : subscribers) {
                if (s.filter.matches(e)) {
                    s.listener.accept(e);
                }
            }
        }
    }

    /**
     * Replays kept events with {@code timeNano >= sinceNano} (none when negative), then delivers new ones until
     * the subscription is closed. Replay and registration are atomic: no event is missed or delivered twice.
     */
    public Subscription subscribe(long sinceNano, EventFilter filter, Consumer<Event> listener) {
        Subscription s = new Subscription(filter, listener);
        synchronized (recent) {
            if (sinceNano >= 0) {
                for (Event e : new ArrayList<>(recent)) {
                    if (e.timeNano() >= sinceNano && filter.matches(e)) {
                        listener.accept(e);
                    }
                }
            }
            subscribers.add(s);
        }
        return s;
    }

    /** How many listeners are attached, for {@code docker info}'s NEventsListener. */
    public int listeners() {
        return subscribers.size();
    }

    public final class Subscription implements AutoCloseable {
        private final EventFilter filter;
        private final Consumer<Event> listener;

        private Subscription(EventFilter filter, Consumer<Event> listener) {
            this.filter = filter;
            this.listener = listener;
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
