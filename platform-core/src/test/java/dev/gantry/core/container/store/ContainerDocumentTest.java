package dev.gantry.core.container.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.core.container.Container;
import dev.gantry.core.container.config.EndpointConfig;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.config.LogConfig;
import dev.gantry.core.container.config.PortBinding;
import dev.gantry.core.container.config.RestartPolicy;
import dev.gantry.core.container.config.Ulimit;
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
        HostConfig hc = c.hostConfig();
        assertEquals("gt-typed-net", hc.networkMode());
        assertEquals(new LogConfig("json-file", Map.of("max-size", "1m")), hc.logConfig());
        assertEquals(Map.of("80/tcp", List.of(new PortBinding("127.0.0.1", "18081"))), hc.portBindings());
        assertEquals(new RestartPolicy("on-failure", 3), hc.restartPolicy());
        assertEquals(List.of("CAP_NET_ADMIN"), hc.capAdd());
        assertNull(hc.capDrop());
        assertEquals(List.of("9.9.9.9"), hc.dns());
        assertEquals(List.of(), hc.dnsOptions());
        assertEquals(List.of("h:1.2.3.4"), hc.extraHosts());
        assertEquals(Map.of("/scratch", ""), hc.tmpfs());
        assertEquals(67108864L, hc.shmSize());
        assertEquals("runc", hc.runtime());
        assertEquals(67108864L, hc.resources().memory());
        assertEquals(134217728L, hc.resources().memorySwap());
        assertEquals(500000000L, hc.resources().nanoCpus());
        assertEquals(-1L, hc.resources().memorySwappiness());
        assertEquals(false, hc.resources().oomKillDisable());
        assertEquals(0L, hc.resources().pidsLimit());
        assertEquals(List.of(new Ulimit("nofile", 200, 100)), hc.resources().ulimits());
        assertNull(hc.init());
    }

    @Test
    void hostConfigFieldsDockerLeavesOutWhenUnsetRoundTrip() throws Exception {
        String given = """
                {"Binds":["/a:/b:ro"],"Annotations":{"k":"v"},"StorageOpt":{"size":"1G"},"Sysctls":{"net.ipv4.ip_forward":"1"},
                 "KernelMemoryTCP":5,"PidsLimit":null,"Init":true,"OomKillDisable":null,
                 "Devices":[{"PathOnHost":"/dev/null","PathInContainer":"/dev/n","CgroupPermissions":"rwm"}],
                 "BlkioWeightDevice":[{"Path":"/dev/sda","Weight":300}],"BlkioDeviceReadBps":[{"Path":"/dev/sda","Rate":1024}],
                 "DeviceRequests":[{"Driver":"nvidia","Count":-1,"DeviceIDs":null,"Capabilities":[["gpu"]],"Options":{}}],
                 "PortBindings":{"80/tcp":null},
                 "Mounts":[{"Type":"volume","Source":"v","Target":"/v","ReadOnly":true,
                            "VolumeOptions":{"NoCopy":true,"Labels":{"a":"b"},"Subpath":"s","DriverConfig":{"Name":"local","Options":{"o":"p"}}}},
                           {"Type":"bind","Source":"/src","Target":"/dst","BindOptions":{"Propagation":"rshared","CreateMountpoint":true}},
                           {"Type":"tmpfs","Target":"/t","TmpfsOptions":{"SizeBytes":1048576,"Mode":448,"Options":[["exec"]]}}]}""";
        HostConfig hc = HostConfigDocument.read(Documents.MAPPER.readTree(given));
        assertEquals(true, hc.init());
        assertEquals("s", hc.mounts().getFirst().volumeSubpath());
        assertEquals(448, hc.mounts().get(2).tmpfs().mode());
        var written = Documents.MAPPER.readTree(HostConfigDocument.write(hc).toString());
        for (String field : List.of("Binds", "Annotations", "StorageOpt", "Sysctls", "KernelMemoryTCP", "PidsLimit", "Init",
                "Devices", "BlkioWeightDevice", "BlkioDeviceReadBps", "DeviceRequests", "PortBindings", "Mounts",
                "OomKillDisable")) {
            assertEquals(Documents.MAPPER.readTree(given).get(field), written.get(field), field);
        }
        assertEquals(hc, HostConfigDocument.read(written));
        var bare = HostConfigDocument.write(HostConfig.empty());
        for (String omitted : List.of("Annotations", "StorageOpt", "Tmpfs", "Sysctls", "Runtime", "Mounts", "Init",
                "KernelMemoryTCP")) {
            assertTrue(!bare.has(omitted), omitted);
        }
        assertTrue(bare.get("Binds").isNull());
        assertEquals("[0,0]", bare.get("ConsoleSize").toString());
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
