package dev.gantry.core.event;

import dev.gantry.core.EngineException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventBusTest {
    private static Event event(String type, String action, String id, long t, Map<String, String> attrs) {
        return new Event(type, action, id, attrs, t);
    }

    @Test
    void replaysSinceThenDeliversLiveAndStopsOnClose() {
        EventBus bus = new EventBus(3);
        bus.publish(event("container", "create", "a", 10, Map.of()));
        bus.publish(event("container", "start", "a", 20, Map.of()));
        List<String> seen = new ArrayList<>();
        var sub = bus.subscribe(15, EventFilter.ALL, e -> seen.add(e.action()));
        bus.publish(event("container", "die", "a", 30, Map.of()));
        sub.close();
        bus.publish(event("container", "destroy", "a", 40, Map.of()));
        assertEquals(List.of("start", "die"), seen);
        assertEquals(0, bus.listeners());
    }

    @Test
    void keepsOnlyTheLastN() {
        EventBus bus = new EventBus(2);
        for (int i = 0; i < 5; i++) {
            bus.publish(event("image", "tag", "x", i, Map.of()));
        }
        List<Long> seen = new ArrayList<>();
        bus.subscribe(0, EventFilter.ALL, e -> seen.add(e.timeNano())).close();
        assertEquals(List.of(3L, 4L), seen);
    }

    @Test
    void noReplayWithoutSince() {
        EventBus bus = new EventBus(10);
        bus.publish(event("image", "tag", "x", 1, Map.of()));
        List<Event> seen = new ArrayList<>();
        bus.subscribe(-1, EventFilter.ALL, seen::add);
        assertTrue(seen.isEmpty());
    }

    @Test
    void filtersFollowDockersRules() {
        Event start = event("container", "exec_start: sh -c true", "abc123", 1, Map.of("name", "web", "image", "busybox", "tier", "front"));
        assertTrue(new EventFilter(Map.of("type", Set.of("container"), "event", Set.of("exec_start"))).matches(start));
        assertTrue(new EventFilter(Map.of("container", Set.of("web"))).matches(start));
        assertTrue(new EventFilter(Map.of("container", Set.of("abc"))).matches(start));
        assertTrue(new EventFilter(Map.of("image", Set.of("busybox"))).matches(start));
        assertTrue(new EventFilter(Map.of("label", Set.of("tier=front"))).matches(start));
        assertTrue(new EventFilter(Map.of("label", Set.of("tier"))).matches(start));
        assertFalse(new EventFilter(Map.of("label", Set.of("tier=back"))).matches(start));
        assertFalse(new EventFilter(Map.of("type", Set.of("image"))).matches(start));
        assertTrue(new EventFilter(Map.of("type", Set.of("image", "container"))).matches(start));
        assertThrows(EngineException.class, () -> new EventFilter(Map.of("colour", Set.of("red"))));
    }
}
