package dev.gantry.rest.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TcpRuleTest {
    @Test
    void plainTcpOnlyWhenAskedForByName() {
        assertTrue(TcpRule.refusal(true, "127.0.0.1", false, false).orElseThrow().contains("--tcp-insecure"));
        assertTrue(TcpRule.refusal(true, "::1", false, false).orElseThrow().contains("without mutual TLS"));
        assertTrue(TcpRule.refusal(true, "0.0.0.0", false, false).orElseThrow().contains("without mutual TLS"));
        assertTrue(TcpRule.refusal(true, "127.0.0.1", false, true).isEmpty());
        assertTrue(TcpRule.refusal(true, "0.0.0.0", false, true).isEmpty());
        assertTrue(TcpRule.refusal(true, "0.0.0.0", true, false).isEmpty());
        assertTrue(TcpRule.refusal(false, "0.0.0.0", false, false).isEmpty());
    }

    @Test
    void loopbackNames() {
        assertTrue(TcpRule.loopback("127.0.0.1"));
        assertTrue(TcpRule.loopback("::1"));
        assertTrue(!TcpRule.loopback("0.0.0.0"));
    }

    @Test
    void theWarningSaysWhoCanReachIt() {
        assertTrue(TcpRule.warning("127.0.0.1", 2375).contains("every local user"));
        assertTrue(TcpRule.warning("0.0.0.0", 2375).contains("anyone who reaches that address"));
        assertTrue(TcpRule.warning("0.0.0.0", 2375).startsWith("WARNING: plain TCP on 0.0.0.0:2375"));
    }
}
