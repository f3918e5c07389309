package dev.gantry.core.container.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.core.container.Container;
import dev.gantry.core.container.config.EndpointConfig;
import dev.gantry.core.state.Documents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Records as an engine built before the configs were typed wrote them (taken from its data root, made with
 * {@code docker create} and {@code network connect}): they load into the typed records, and write back as the
 * same document.
 */
class ContainerDocumentTest {
    private static String doc(String name) throws IOException {
        try (InputStream in = ContainerDocumentTest.class.getResourceAsStream("/container-documents/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void aContainerWithManyOptionsLoadsTyped() throws Exception {
        Container c = ContainerDocument.read(doc("full"));
        assertEquals("full", c.name());
        var cfg = c.config();
        assertEquals("busybox", cfg.image());
        assertEquals(List.of("sleep", "1"), c.commandLine());
        assertEquals(Set.of("80/tcp", "90/udp"), cfg.exposedPorts());
        assertEquals(Set.of("/data"), cfg.volumes());
        assertEquals(Map.of("a", "b"), cfg.labels());
        assertEquals("X=1", cfg.env().getFirst());
        assertEquals("SIGINT", cfg.stopSignal());
        assertEquals(7, cfg.stopTimeout());
        assertEquals("/srv", cfg.workingDir());
        assertEquals(List.of("CMD-SHELL", "true"), cfg.healthcheck().test());
        assertEquals(5_000_000_000L, cfg.healthcheck().interval());
        assertNull(cfg.entrypoint());
        assertEquals(Map.of("gt-typed-net", new EndpointConfig(List.of("web"), "10.99.7.9", "", List.of(), "", List.of())),
                c.networks());
        assertTrue(c.state().healthView().isPresent());
        assertEquals(2, c.mounts().size());
    }

    @Test
    void entrypointsAndSeveralNetworksLoadTyped() throws Exception {
        Container ep = ContainerDocument.read(doc("ep"));
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), ep.commandLine());
        assertEquals(Map.of(), ep.config().labels());
        Container plain = ContainerDocument.read(doc("plain"));
        assertEquals(List.of("bridge", "gt-typed-net"), plain.networkNames());
        assertEquals(EndpointConfig.none(), plain.networks().get("bridge"));
        assertNull(plain.config().stopSignal());
    }

    @Test
    void documentsWriteBackUnchanged() throws Exception {
        for (String name : List.of("full", "plain", "ep")) {
            String before = doc(name);
            String after = ContainerDocument.write(ContainerDocument.read(before));
            assertEquals(Documents.MAPPER.readTree(before), Documents.MAPPER.readTree(after), name);
        }
    }
}
