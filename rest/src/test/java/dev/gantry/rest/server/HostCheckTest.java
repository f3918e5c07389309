package dev.gantry.rest.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HostCheckTest {
    private static final Set<String> NAMES = Set.of("builder.lan");

    @Test
    void addressesAndLocalNamesPass() {
        assertTrue(HostCheck.allowed("127.0.0.1:2375", NAMES));
        assertTrue(HostCheck.allowed("10.1.2.3", NAMES));
        assertTrue(HostCheck.allowed("[::1]:2375", NAMES));
        assertTrue(HostCheck.allowed("[::1]", NAMES));
        assertTrue(HostCheck.allowed("localhost:2375", NAMES));
        assertTrue(HostCheck.allowed("api.moby.localhost", NAMES));
        assertTrue(HostCheck.allowed("Builder.LAN:2376", NAMES));
        assertTrue(HostCheck.allowed(null, NAMES));
    }

    @Test
    void otherNamesAreRebindingAttempts() {
        assertFalse(HostCheck.allowed("evil.example", NAMES));
        assertFalse(HostCheck.allowed("evil.example:2375", NAMES));
        assertFalse(HostCheck.allowed("127.0.0.1.evil.example", NAMES));
        assertFalse(HostCheck.allowed("localhost.evil.example", NAMES));
        assertFalse(HostCheck.allowed("127.0.0.1:80:evil", NAMES));
        assertFalse(HostCheck.allowed("[::1]evil", NAMES));
        assertFalse(HostCheck.allowed("docker", NAMES));
    }
}
