package dev.gantry.rest.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListenersTest {
    @Test
    void plainTcpOnlyWhenAskedForByName() {
        assertTrue(Listeners.refusal(true, "127.0.0.1", false, false).orElseThrow().contains("--tcp-insecure"));
        assertTrue(Listeners.refusal(true, "::1", false, false).orElseThrow().contains("without mutual TLS"));
        assertTrue(Listeners.refusal(true, "0.0.0.0", false, false).orElseThrow().contains("without mutual TLS"));
        assertTrue(Listeners.refusal(true, "127.0.0.1", false, true).isEmpty());
        assertTrue(Listeners.refusal(true, "0.0.0.0", false, true).isEmpty());
        assertTrue(Listeners.refusal(true, "0.0.0.0", true, false).isEmpty());
        assertTrue(Listeners.refusal(false, "0.0.0.0", false, false).isEmpty());
    }

    @Test
    void loopbackNames() {
        assertTrue(Listeners.loopback("127.0.0.1"));
        assertTrue(Listeners.loopback("::1"));
        assertTrue(!Listeners.loopback("0.0.0.0"));
    }
}
