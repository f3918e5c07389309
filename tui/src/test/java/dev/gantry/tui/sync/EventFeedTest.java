package dev.gantry.tui.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.gantry.tui.state.EventRow;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFeedTest {
    private static Kind[] kinds(String type, String action) {
        return EventFeed.kinds(new EventRow(0, type, action, "id", Map.of()));
    }

    @Test
    void onlyEventsThatChangeAListFetchItAgain() {
        assertArrayEquals(new Kind[] {Kind.CONTAINERS}, kinds("container", "die"));
        assertArrayEquals(new Kind[0], kinds("container", "exec_start: sh"));
        assertArrayEquals(new Kind[0], kinds("container", "resize"));
        assertArrayEquals(new Kind[] {Kind.IMAGES}, kinds("image", "pull"));
        assertArrayEquals(new Kind[0], kinds("image", "scan"));
        assertArrayEquals(new Kind[] {Kind.NETWORKS, Kind.CONTAINERS}, kinds("network", "connect"));
        assertArrayEquals(new Kind[] {Kind.VOLUMES}, kinds("volume", "create"));
        assertArrayEquals(new Kind[] {Kind.HOOKS}, kinds("hook", "error"));
        assertArrayEquals(new Kind[0], kinds("daemon", "reload"));
    }
}
