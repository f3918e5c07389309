package dev.gantry.core.image;

import dev.gantry.core.EngineException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageChangesTest {
    @Test
    void appliesTheInstructionsDockerAccepts() {
        RunConfig config = ImageChanges.apply(List.of("CMD [\"cat\", \"/x\"]", "ENTRYPOINT echo hi", "ENV A=1 B=\"two words\"", "ENV A=3",
                "EXPOSE 80 53/udp", "LABEL tier=front", "USER 65534", "WORKDIR /w", "VOLUME /data", "STOPSIGNAL SIGINT"),
                RunConfig.EMPTY);
        assertEquals(List.of("cat", "/x"), config.cmd());
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), config.entrypoint());
        assertEquals(List.of("B=two words", "A=3"), config.env());
        assertEquals(List.of("80/tcp", "53/udp"), List.copyOf(config.exposedPorts()));
        assertEquals(Map.of("tier", "front"), config.labels());
        assertEquals("65534", config.user());
        assertEquals("/w", config.workingDir());
        assertEquals(Set.of("/data"), config.volumes());
        assertEquals("SIGINT", config.stopSignal());
    }

    @Test
    void keepsWhatTheChangesDoNotTouch() {
        RunConfig base = ImageChanges.apply(List.of("ENV PATH=/bin", "LABEL a=1", "CMD [\"sh\"]"), RunConfig.EMPTY);
        RunConfig next = ImageChanges.apply(List.of("LABEL b=2"), base);
        assertEquals(List.of("PATH=/bin"), next.env());
        assertEquals(Map.of("a", "1", "b", "2"), next.labels());
        assertEquals(List.of("sh"), next.cmd());
    }

    @Test
    void refusesOtherInstructions() {
        var e = assertThrows(EngineException.class, () -> ImageChanges.apply(List.of("RUN rm -rf /"), RunConfig.EMPTY));
        assertEquals("run is not a valid change command", e.getMessage());
    }
}
