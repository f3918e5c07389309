package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foundation's acceptance, end to end: the real docker CLI against {@code scripts/gantry serve} on a
 * temporary socket and data root.
 */
class DockerCliIT {
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

    @Test
    void dockerVersionShowsTheGantryServerAtApi151() throws Exception {
        var r = gantry.docker("version");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("Server: Gantry"), r.out());
        assertTrue(r.out().matches("(?s).*Gantry:\\s+Version:.*ApiVersion:\\s+1\\.51.*"), r.out());
        assertFalse(r.out().contains("downgraded"), r.out());
        var format = gantry.docker("version", "--format", "{{.Server.APIVersion}} {{.Server.MinAPIVersion}}");
        assertEquals("1.51 1.24", format.out().strip());
        // clients compare the engine release; Gantry's own version stays in its component
        assertEquals("28.3.3", gantry.docker("version", "--format", "{{.Server.Version}}").out().strip());
        assertEquals("28.3.3", gantry.docker("info", "--format", "{{.ServerVersion}}").out().strip());
    }

    @Test
    void dockerInfoShowsStorageRuntimesAndPlugins() throws Exception {
        var r = gantry.docker("info");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("Storage Driver: overlay"), r.out());
        assertTrue(r.out().matches("(?s).*Runtimes:[^\\n]*runc.*"), r.out());
        assertTrue(r.out().matches("(?s).*Runtimes:[^\\n]*crun.*"), r.out());
        assertTrue(r.out().contains("Default Runtime: runc"), r.out());
        assertTrue(r.out().contains("dev.gantry.plugin.storage.vfs="), r.out());
        assertTrue(r.out().contains("dev.gantry.plugin.runtime.runc="), r.out());
        assertTrue(r.out().contains("Docker Root Dir: " + gantry.root.resolve("data")), r.out());
        var driver = gantry.docker("info", "--format", "{{.Driver}} {{.DefaultRuntime}} {{.CgroupDriver}}");
        assertEquals("overlay runc cgroupfs", driver.out().strip());
    }

    @Test
    void dockerSystemDfWorks() throws Exception {
        var r = gantry.docker("system", "df");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("Images") && r.out().contains("Local Volumes"), r.out());
    }

    @Test
    void versionAnswersWithAndWithoutPrefixAndUnknownPathsAre404() throws Exception {
        assertEquals("1.51", JSON.readTree(gantry.curl("/v1.24/version").out()).path("ApiVersion").asText());
        assertEquals("1.51", JSON.readTree(gantry.curl("/version").out()).path("ApiVersion").asText());
        var nope = gantry.curl("/v1.51/nope", "-w", "\n%{http_code}");
        String[] lines = nope.out().split("\n");
        assertEquals("404", lines[lines.length - 1]);
        assertEquals("page not found", JSON.readTree(lines[0]).path("message").asText());
    }

    @Test
    void everyCliRequestLeavesASpan() throws Exception {
        assertEquals(0, gantry.docker("version").code());
        assertEquals(0, gantry.docker("info").code());
        assertEquals(0, gantry.docker("system", "df").code());
        List<String> cliPaths = new ArrayList<>();
        for (JsonNode trace : JSON.readTree(gantry.curl("/gantry/v1/traces").out())) {
            JsonNode detail = JSON.readTree(gantry.curl("/gantry/v1/traces/" + trace.path("TraceId").asText()).out());
            for (JsonNode span : detail.path("Spans")) {
                JsonNode attributes = span.path("Attributes");
                if (attributes.path("user_agent.original").asText().startsWith("Docker-Client/")) {
                    assertEquals(trace.path("TraceId").asText(), span.path("TraceId").asText());
                    cliPaths.add(span.path("Attributes").path("url.path").asText());
                }
            }
        }
        // the CLI pings first, but pings are not traced (PingSampler): polled, and a span was most of their cost
        assertFalse(cliPaths.contains("/_ping"), cliPaths.toString());
        for (String endpoint : List.of("/version", "/info", "/system/df")) {
            assertTrue(cliPaths.stream().anyMatch(p -> p.matches("/v1\\.[0-9]+" + endpoint)), endpoint + " in " + cliPaths);
        }
    }

    @Test
    void prometheusShowsHttpServerTimers() throws Exception {
        gantry.docker("version");
        String metrics = gantry.curl("/metrics").out();
        assertTrue(metrics.contains("http_server_requests_seconds_count{"), metrics);
        assertTrue(metrics.contains("uri=\"/version\""), metrics);
    }

    @Test
    void dockerEventsReplaysThePluginsEnabledAtStart() throws Exception {
        String until = Long.toString(System.currentTimeMillis() / 1000 + 1);
        var r = gantry.docker("events", "--since", "0", "--until", until, "--filter", "type=plugin",
                "--format", "{{.Type}} {{.Action}} {{.Actor.ID}}");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("plugin enable vfs"), r.out());
        assertTrue(r.out().contains("plugin enable runc"), r.out());
    }

    @Test
    void theSocketIsGroupOnly() throws Exception {
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(gantry.socket)));
    }
}
