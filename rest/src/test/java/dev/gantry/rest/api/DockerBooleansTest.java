package dev.gantry.rest.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One boolean rule, dockerd's BoolValue, for JAX-RS parameters and the streaming routes' flags alike. */
class DockerBooleansTest {
    @Test
    void dockerdsRule() {
        for (String t : new String[] {"1", "true", "TRUE", "yes", " yes ", "on", "anything"}) {
            assertTrue(DockerBooleans.parse(t), t);
        }
        for (String f : new String[] {"", "0", "no", "NO", "false", "none", " false "}) {
            assertFalse(DockerBooleans.parse(f), f);
        }
        assertFalse(DockerBooleans.parse(null));
    }
}
