package dev.gantry.rest.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyLimitsTest {
    @Test
    void archivesAreStreamedAndJsonIsCapped() {
        for (String p : new String[] {"/build", "/v1.51/build", "/images/load", "/v1.44/images/create",
                "/containers/abc/archive", "/v1.51/containers/abc/archive", "/session", "/exec/x/start"}) {
            assertTrue(BodyLimits.streamed(p), p);
        }
        for (String p : new String[] {"/containers/create", "/v1.51/containers/create", "/networks/create",
                "/containers/abc/update", "/volumes/create", "/build/prune", "/images/loadx", "/containers/a/b/archive"}) {
            assertFalse(BodyLimits.streamed(p), p);
        }
    }
}
