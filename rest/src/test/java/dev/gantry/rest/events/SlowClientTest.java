package dev.gantry.rest.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.api.BackpressureTest;
import org.junit.jupiter.api.Test;

class SlowClientTest {
    @Test
    void eventsBeyondWhatTheClientHoldsAreDropped() {
        BackpressureTest.Stream stream = new BackpressureTest.Stream();
        stream.full = false;
        SlowClient slow = new SlowClient(stream);
        for (int i = 0; i < SlowClient.MAX_PENDING; i++) {
            assertTrue(slow.admit());
        }
        assertFalse(slow.admit(), "an event past the bound was queued");
        slow.taken();
        assertTrue(slow.admit());
        stream.full = true;
        slow.taken();
        assertFalse(slow.admit(), "an event was queued while the client's write queue is full");
        assertEquals(2, slow.dropped());
    }
}
