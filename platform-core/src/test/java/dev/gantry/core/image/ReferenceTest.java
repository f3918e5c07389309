package dev.gantry.core.image;

import dev.gantry.core.EngineException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReferenceTest {
    @Test
    void normalisesAsDockerDoes() {
        assertEquals("docker.io/library/busybox:latest", Reference.parse("busybox").toString());
        assertEquals("busybox:latest", Reference.parse("busybox").familiar());
        assertEquals("docker.io/me/app:1", Reference.parse("me/app:1").toString());
        assertEquals("me/app:1", Reference.parse("docker.io/me/app:1").familiar());
        assertEquals("127.0.0.1:5000/app:1", Reference.parse("127.0.0.1:5000/app:1").familiar());
        assertEquals("localhost/app:latest", Reference.parse("localhost/app").familiar());
        String digest = "sha256:" + "a".repeat(64);
        assertEquals("docker.io/library/busybox@" + digest, Reference.parse("busybox@" + digest).toString());
    }

    @Test
    void refusesWhatDockerRefuses() {
        assertThrows(EngineException.class, () -> Reference.parse("Busybox"));
        assertThrows(EngineException.class, () -> Reference.parse("busy box"));
        assertThrows(EngineException.class, () -> Reference.parse("a:b:c:d"));
        assertThrows(EngineException.class, () -> Reference.parse(""));
        assertThrows(EngineException.class, () -> Reference.parse("busybox@sha256:zz"));
    }

    @Test
    void refusesInvalidDomains() {
        for (String bad : new String[] {"exa_mple.com/app", "-host.example/app", "host-.example/app", "a..b/app",
                "host.example:/app", "host.example:port/app", "host.example:5000:1/app", "[::1/app", "[zz::1]:5000/app",
                "ho st.example/app", "host.example\n/app", ".example/app", "example./app"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Reference.parse(bad), bad);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("invalid reference format"), bad);
        }
        assertEquals("[::1]:5000/app:latest", Reference.parse("[::1]:5000/app").familiar());
        assertEquals("my-registry.example.com:443/a/b:1", Reference.parse("my-registry.example.com:443/a/b:1").familiar());
        assertEquals("localhost:5000/app:latest", Reference.parse("localhost:5000/app").familiar());
    }
}
