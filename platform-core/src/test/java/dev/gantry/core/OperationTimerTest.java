package dev.gantry.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class OperationTimerTest {
    @Test
    void recordsEachOperationAndOutcomeIntoItsOwnTimer() throws Exception {
        var registry = new SimpleMeterRegistry();
        var timer = new OperationTimer(registry, "gantry.test.operations", "test");
        assertEquals("a", timer.time("start", () -> "a"));
        assertEquals("b", timer.time("start", () -> "b"));
        assertThrows(IllegalStateException.class, () -> timer.time("start", () -> {
            throw new IllegalStateException("no");
        }));
        timer.time("stop", () -> null);
        assertEquals(2, registry.get("gantry.test.operations").tags("operation", "start", "outcome", "success").timer().count());
        assertEquals(1, registry.get("gantry.test.operations").tags("operation", "start", "outcome", "error").timer().count());
        assertEquals(1, registry.get("gantry.test.operations").tags("operation", "stop", "outcome", "success").timer().count());
        assertEquals(3, registry.find("gantry.test.operations").timers().size());
    }
}
