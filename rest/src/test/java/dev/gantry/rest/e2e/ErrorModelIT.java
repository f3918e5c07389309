package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One error model: the Vert.x streaming routes (logs, wait, stats, attach, exec start, events) answer failures
 * with the same statuses and words as the JAX-RS resources, from the one table.
 */
class ErrorModelIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GantryProcess gantry;

    @BeforeAll
    static void start() throws Exception {
        gantry = GantryProcess.start();
    }

    @AfterAll
    static void stop() throws Exception {
        gantry.close();
    }

    /** The status and the message of a request. */
    private static String[] call(String method, String path) throws Exception {
        var r = gantry.curl(path, "-g", "-X", method, "-w", "\n%{http_code}");
        String out = r.out().strip();
        int nl = out.lastIndexOf('\n');
        String body = nl < 0 ? "" : out.substring(0, nl);
        return new String[] {out.substring(nl + 1), body.isEmpty() ? "" : JSON.readTree(body).path("message").asText()};
    }

    private static void assertAnswer(String status, String message, String method, String path) throws Exception {
        String[] got = call(method, path);
        assertEquals(status, got[0], method + " " + path + ": " + got[1]);
        assertEquals(message, got[1], method + " " + path);
    }

    @Test
    void streamingRoutesAnswer404LikeTheResources() throws Exception {
        String missing = "No such container: nope";
        assertAnswer("404", missing, "GET", "/containers/nope/json");
        assertAnswer("404", missing, "GET", "/containers/nope/logs?stdout=1");
        assertAnswer("404", missing, "POST", "/containers/nope/wait");
        assertAnswer("404", missing, "GET", "/containers/nope/stats?stream=0");
        assertAnswer("404", missing, "POST", "/containers/nope/attach?stream=1&stdout=1");
        assertAnswer("404", "No such exec instance: nope", "POST", "/exec/nope/start");
    }

    @Test
    void invalidInputIs400OnBothKinds() throws Exception {
        assertAnswer("400", "invalid filter 'colour'", "GET", "/events?until=1&filters={\"colour\":[\"red\"]}");
        assertAnswer("400", "invalid filter 'colour'", "GET", "/containers/json?filters={\"colour\":[\"red\"]}");
    }
}
