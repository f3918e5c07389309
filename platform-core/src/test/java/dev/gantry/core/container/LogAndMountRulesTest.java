package dev.gantry.core.container;

import dev.gantry.core.container.store.HostConfigDocument;
import dev.gantry.core.container.config.ContainerConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.EngineException;
import org.junit.jupiter.api.Test;

/** dockerd's rules for log drivers and volume subpaths, and the mount record's stored form. */
class LogAndMountRulesTest {
    private static JsonNode json(String s) throws Exception {
        return ContainerStore.JSON.readTree(s);
    }

    private static java.util.Map<String, String> opts(String json) throws Exception {
        return dev.gantry.core.container.store.ContainerConfigDocument.map(json(json));
    }

    private static String refusal(String type, String options) throws Exception {
        var o = opts(options);
        return assertThrows(EngineException.class, () -> LogDrivers.validate(type, o)).getMessage();
    }

    @Test
    void logDriversAndTheirOptions() throws Exception {
        LogDrivers.validate("json-file", opts("{\"max-size\":\"10m\",\"max-file\":\"3\",\"compress\":\"true\",\"tag\":\"x\"}"));
        LogDrivers.validate("local", opts("{\"max-size\":\"1m\",\"max-file\":\"2\"}"));
        LogDrivers.validate("none", opts("{\"anything\":\"goes\"}"));
        LogDrivers.validate("json-file", opts("{\"mode\":\"non-blocking\",\"max-buffer-size\":\"4m\"}"));
        assertEquals("logger: no log driver named 'xyz' is registered", refusal("xyz", "{}"));
        assertEquals("unknown log opt 'foo' for json-file log driver", refusal("json-file", "{\"foo\":\"1\"}"));
        assertEquals("unknown log opt 'labels-regexx' for log driver local", refusal("local", "{\"labels-regexx\":\"1\"}"));
        assertEquals("max-file cannot be less than 1", refusal("json-file", "{\"max-file\":\"0\"}"));
        assertEquals("compression cannot be enabled when max file count is 1", refusal("local", "{\"max-file\":\"1\"}"));
        assertEquals("logger: logging mode not supported: sometimes", refusal("json-file", "{\"mode\":\"sometimes\"}"));
        assertTrue(refusal("syslog", "{}").contains("not supported by Gantry"));
        assertFalse(LogDrivers.readable(HostConfigDocument.read(json("{\"LogConfig\":{\"Type\":\"none\"}}"))));
        assertTrue(LogDrivers.readable(HostConfigDocument.read(json("{\"LogConfig\":{\"Type\":\"local\"}}"))));
    }

    @Test
    void subpathsStayInsideByTheirWords() {
        assertTrue(SubpathMounts.isLocal("a"));
        assertTrue(SubpathMounts.isLocal("a/b/../c"));
        assertTrue(SubpathMounts.isLocal("./a"));
        assertFalse(SubpathMounts.isLocal(""));
        assertFalse(SubpathMounts.isLocal("/etc"));
        assertFalse(SubpathMounts.isLocal(".."));
        assertFalse(SubpathMounts.isLocal("a/../../b"));
    }

    @Test
    void subpathMountsAreCheckedAtCreate() throws Exception {
        JsonNode hc = json("""
                {"Mounts":[{"Type":"volume","Source":"v1","Target":"/data","VolumeOptions":{"Subpath":"sub/dir"}}]}""");
        MountPoint m = Mounts.parse(HostConfigDocument.read(hc), ContainerConfig.empty()).getFirst();
        assertEquals("sub/dir", m.subpath());
        assertEquals("invalid mount config for type \"volume\": subpath must be a relative path within the volume",
                assertThrows(EngineException.class, () -> Mounts.parse(HostConfigDocument.read(json("""
                        {"Mounts":[{"Type":"volume","Source":"v1","Target":"/d","VolumeOptions":{"Subpath":"../x"}}]}""")),
                        ContainerConfig.empty())).getMessage());
        assertEquals("invalid mount config for type \"volume\": must not set Subpath when using anonymous volumes",
                assertThrows(EngineException.class, () -> Mounts.parse(HostConfigDocument.read(json("""
                        {"Mounts":[{"Type":"volume","Target":"/d","VolumeOptions":{"Subpath":"x"}}]}""")),
                        ContainerConfig.empty())).getMessage());
    }

    @Test
    void mountRecordsWithoutASubpathStillRead() throws Exception {
        MountPoint old = ContainerStore.JSON.readValue("""
                {"type":"volume","name":"v","source":"","destination":"/d","driver":"local","mode":"z","rw":true,
                 "propagation":"","options":""}""", MountPoint.class);
        assertEquals("", old.subpath());
        MountPoint m = new MountPoint("volume", "v", "", "/d", "local", "z", true, "", "", "s");
        assertEquals(m, ContainerStore.JSON.readValue(ContainerStore.JSON.writeValueAsString(m), MountPoint.class));
    }
}
