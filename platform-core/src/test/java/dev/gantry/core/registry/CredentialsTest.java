package dev.gantry.core.registry;

import dev.gantry.core.EngineException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    private static String header(String json) {
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void buildConfigHeaderIsKeyedByRegistry() {
        String basic = Base64.getEncoder().encodeToString("bob:pw2".getBytes(StandardCharsets.UTF_8));
        var all = Credentials.fromConfigHeader(header("""
                {"127.0.0.1:5000": {"username": "alice", "password": "pw1"},
                 "https://index.docker.io/v1/": {"auth": "%s"},
                 "https://registry.example:8443/v2/": {"identitytoken": "tok"}}
                """.formatted(basic)));
        assertEquals(new Credentials("alice", "pw1", ""), all.get("127.0.0.1:5000"));
        assertEquals(new Credentials("bob", "pw2", ""), all.get("docker.io"));
        assertEquals("tok", all.get("registry.example:8443").identityToken());
        assertTrue(Credentials.fromConfigHeader(null).isEmpty());
        assertTrue(Credentials.fromConfigHeader(header("{}")).isEmpty());
    }

    @Test
    void aBrokenBuildConfigHeaderIsAnError() {
        var e = assertThrows(EngineException.class, () -> Credentials.fromConfigHeader("%%%"));
        assertTrue(e.getMessage().startsWith("invalid X-Registry-Config header"), e.getMessage());
    }
}
