package dev.gantry.rest.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListenersTest {
    @Test
    void plainTcpOnlyOnLoopback() {
        assertTrue(Listeners.refusal(true, "127.0.0.1", false).isEmpty());
        assertTrue(Listeners.refusal(true, "localhost", false).isEmpty());
        assertTrue(Listeners.refusal(true, "::1", false).isEmpty());
        assertTrue(Listeners.refusal(true, "0.0.0.0", false).orElseThrow().contains("without mutual TLS"));
        assertTrue(Listeners.refusal(true, "0.0.0.0", true).isEmpty());
        assertTrue(Listeners.refusal(false, "0.0.0.0", false).isEmpty());
    }
}
