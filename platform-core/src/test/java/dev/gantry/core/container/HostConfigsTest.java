package dev.gantry.core.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.store.HostConfigDocument;
import dev.gantry.core.state.Documents;
import org.junit.jupiter.api.Test;

/** The defaults create fills into a request's HostConfig, as inspect shows them, and what it refuses. */
class HostConfigsTest {
    private static HostConfig normalized(String request) throws Exception {
        return HostConfigs.normalize(HostConfigDocument.read(Documents.MAPPER.readTree(request)));
    }

    private static JsonNode shown(HostConfig hc) throws Exception {
        return Documents.MAPPER.readTree(HostConfigDocument.write(hc).toString());
    }

    @Test
    void anEmptyRequestGetsDockersDefaults() throws Exception {
        JsonNode n = shown(normalized("{}"));
        assertEquals("bridge", n.get("NetworkMode").asText());
        assertEquals(Documents.MAPPER.readTree("{\"Name\":\"no\",\"MaximumRetryCount\":0}"), n.get("RestartPolicy"));
        assertEquals(Documents.MAPPER.readTree("{\"Type\":\"json-file\",\"Config\":{}}"), n.get("LogConfig"));
        assertEquals(64L * 1024 * 1024, n.get("ShmSize").asLong());
        assertTrue(n.get("PidsLimit").isNull());
        assertEquals("", n.get("CpusetCpus").asText());
        assertEquals(0, n.get("Memory").asLong());
        assertTrue(n.get("Binds").isNull());
        assertTrue(!n.has("Runtime") && !n.has("Mounts") && !n.has("Init"));
    }

    @Test
    void givenValuesStayAndMemoryBringsSwap() throws Exception {
        HostConfig hc = normalized("""
                {"NetworkMode":"default","Memory":67108864,"ShmSize":1048576,"RestartPolicy":{"Name":"on-failure"},
                 "LogConfig":{"Type":"local","Config":{"max-file":"3"}},"PidsLimit":-1}""");
        assertEquals("bridge", hc.networkMode());
        assertEquals(134217728L, hc.resources().memorySwap());
        assertEquals(1048576L, hc.shmSize());
        assertEquals("on-failure", hc.restartPolicy().name());
        assertEquals("3", hc.logConfig().option("max-file"));
        assertEquals(-1L, hc.resources().pidsLimit());
    }

    @Test
    void refusesWhatDockerRefuses() {
        assertThrows(EngineException.class, () -> normalized("{\"RestartPolicy\":{\"Name\":\"sometimes\"}}"));
        assertThrows(EngineException.class, () -> normalized("{\"AutoRemove\":true,\"RestartPolicy\":{\"Name\":\"always\"}}"));
        assertThrows(EngineException.class, () -> normalized("{\"LogConfig\":{\"Type\":\"json-file\",\"Config\":{\"x\":\"1\"}}}"));
    }

    @Test
    void anUpdateChangesOnlyWhatItGives() throws Exception {
        HostConfig hc = normalized("{\"Memory\":67108864,\"CpusetCpus\":\"0\",\"Dns\":[\"9.9.9.9\"]}");
        HostConfig next = Resources.update(hc, HostConfigDocument.update(Documents.MAPPER.readTree("""
                {"CpuShares":512,"Memory":0,"CpusetCpus":"","RestartPolicy":{"Name":"unless-stopped"}}""")));
        assertEquals(512, next.resources().cpuShares());
        assertEquals(67108864L, next.resources().memory());
        assertEquals("0", next.resources().cpusetCpus());
        assertEquals("unless-stopped", next.restartPolicy().name());
        assertEquals(hc.dns(), next.dns());
    }
}
