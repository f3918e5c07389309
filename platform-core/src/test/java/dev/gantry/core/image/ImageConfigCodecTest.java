package dev.gantry.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.content.Digest;
import dev.gantry.core.state.Documents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageConfigCodecTest {
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImageConfigCodecTest.class.getResourceAsStream("/image-configs/" + name)) {
            return in.readAllBytes();
        }
    }

    /** The busybox image scripts/make-test-images writes: its blob, byte for byte, as the archive holds it. */
    @Test
    void readsTheTestImagesConfig() throws IOException {
        byte[] blob = resource("busybox-test-image.json");
        assertEquals("sha256:8bdefa776038a4ec10d7e695652a26f4d492db8ac4d13569bf6d45d21fb2cc6d", Digest.of(blob).toString());
        ImageConfig c = ImageConfigCodec.decode(blob);
        assertEquals("amd64", c.architecture());
        assertEquals("linux", c.os());
        assertEquals(Optional.of(Instant.parse("2023-11-14T22:13:20Z")), c.created());
        assertEquals(List.of("sh"), c.config().cmd());
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), c.config().env());
        assertEquals(Optional.of("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), c.config().envValue("PATH"));
        assertEquals(List.of(Digest.parse("sha256:f2b1cff99176e5f019ae1a0f86b72029080822232ff4133bc3d6749a7392d2ce")), c.diffIds());
        assertEquals(2, c.history().size());
        assertEquals("ADD busybox-static rootfs in /", c.history().get(0).createdBy());
        assertFalse(c.history().get(0).emptyLayer());
        assertTrue(c.history().get(1).emptyLayer());
        assertEquals(c, ImageConfigCodec.decode(ImageConfigCodec.encode(c)));
    }

    /** A Dockerfile-built image with every config field, as Gantry's builder wrote it (docker save of a real build). */
    @Test
    void readsABuiltImagesConfig() throws IOException {
        ImageConfig c = ImageConfigCodec.decode(resource("built-image.json"));
        RunConfig r = c.config();
        assertEquals("app", r.user());
        assertEquals(List.of("8080/tcp", "53/udp"), List.copyOf(r.exposedPorts()));
        assertEquals(List.of("/data"), List.copyOf(r.volumes()));
        assertEquals("/srv/app", r.workingDir());
        assertEquals(Map.of("tier", "front", "org.opencontainers.image.title", "demo"), r.labels());
        assertEquals("SIGINT", r.stopSignal());
        assertEquals(List.of("/bin/sh", "-eu", "-c", "exec app"), r.entrypoint());
        assertEquals(List.of("--serve"), r.cmd());
        assertEquals(List.of("/bin/sh", "-eu", "-c"), r.shell());
        assertEquals(List.of("RUN echo triggered"), r.onBuild());
        RunConfig.Healthcheck hc = r.healthcheck().orElseThrow();
        assertEquals(List.of("CMD-SHELL", "true"), hc.test());
        assertEquals(30_000_000_000L, hc.interval());
        assertEquals(3, hc.retries());
        assertTrue(r.hasHealthcheck());
        assertEquals("demo <demo@example.com>", c.author());
        assertEquals(ImageConfigCodec.decode(ImageConfigCodec.encode(c)), c);
    }

    @Test
    void writesWhatItReadsAndLeavesUnsetFieldsOut() throws IOException {
        Instant at = Instant.parse("2026-01-02T03:04:05.120Z");
        RunConfig.Editor e = RunConfig.EMPTY.edit();
        e.entrypoint = List.of("/entry");
        e.labels.put("a", "1");
        e.exposedPorts.add("80/tcp");
        e.healthcheck = Optional.of(new RunConfig.Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0));
        ImageConfig c = ImageConfig.scratch().withConfig(e.build()).withCreated(at)
                .plus(new ImageConfig.History(Optional.of(at), "step", "", "a comment", false),
                        Optional.of(Digest.of("layer".getBytes(StandardCharsets.UTF_8))));
        byte[] blob = ImageConfigCodec.encode(c);
        assertEquals(c, ImageConfigCodec.decode(blob));
        JsonNode n = Documents.MAPPER.readTree(blob);
        assertEquals("2026-01-02T03:04:05.120Z", n.path("created").asText());
        assertTrue(n.path("config").path("Cmd").isNull(), "an ENTRYPOINT without CMD writes Cmd: null");
        assertFalse(n.path("config").has("Env"));
        assertFalse(n.has("author"));
        assertFalse(n.path("history").get(0).has("empty_layer"));
        assertEquals("layers", n.path("rootfs").path("type").asText());
        assertEquals(1, n.path("rootfs").path("diff_ids").size());
        // one encoding: the same value gives the same bytes, so the same image ID
        assertArrayEquals(blob, ImageConfigCodec.encode(ImageConfigCodec.decode(blob)));
    }

    @Test
    void toleratesWhatImagesInTheWildCarry() throws IOException {
        ImageConfig c = ImageConfigCodec.decode("""
                {"architecture":"arm64","variant":"v8","os":"linux","config":{"Cmd":null,"Env":null,"Labels":null,
                 "Entrypoint":"/bin/tool","ExposedPorts":{}},"container_config":{"Cmd":["x"]},"docker_version":"20.10.7",
                 "created":"2021-06-01T10:00:00.123456789+02:00","rootfs":{"type":"layers"},"os.version":"x"}
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals("arm64", c.architecture());
        assertEquals("v8", c.variant());
        assertEquals("20.10.7", c.dockerVersion());
        assertEquals(Optional.of(Instant.parse("2021-06-01T08:00:00.123456789Z")), c.created());
        assertEquals(List.of("/bin/tool"), c.config().entrypoint());
        assertTrue(c.config().cmd().isEmpty());
        assertTrue(c.diffIds().isEmpty());
        assertTrue(c.history().isEmpty());
        assertFalse(c.config().hasHealthcheck());
    }

    @Test
    void refusesWhatIsNoConfig() {
        assertThrows(IOException.class, () -> ImageConfigCodec.decode("[1]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> ImageConfigCodec.decode("{".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> ImageConfigCodec.decode(
                "{\"rootfs\":{\"diff_ids\":[\"md5:x\"]}}".getBytes(StandardCharsets.UTF_8)));
    }
}
