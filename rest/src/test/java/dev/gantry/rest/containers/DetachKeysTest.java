package dev.gantry.rest.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.core.EngineException;
import org.junit.jupiter.api.Test;

class DetachKeysTest {
    @Test
    void parsesDockersForms() {
        assertArrayEquals(new byte[]{0x10, 0x11}, DetachKeys.parse(""));
        assertArrayEquals(new byte[]{1, 'a'}, DetachKeys.parse("ctrl-a,a"));
        assertArrayEquals(new byte[]{0, 27, 31}, DetachKeys.parse("ctrl-@,ctrl-[,ctrl-_"));
        assertThrows(EngineException.class, () -> DetachKeys.parse("ctrl-1"));
        assertThrows(EngineException.class, () -> DetachKeys.parse("abc"));
    }

    @Test
    void matchesAcrossReads() {
        DetachKeys keys = new DetachKeys(DetachKeys.DEFAULT);
        assertFalse(keys.detaches("hello".getBytes()));
        assertFalse(keys.detaches(new byte[]{'x', 0x10}));
        assertTrue(keys.detaches(new byte[]{0x11}));
        assertFalse(keys.detaches(new byte[]{0x10, 'y', 0x11}));
        assertTrue(keys.detaches(new byte[]{0x10, 0x10, 0x11}));
    }
}
