package dev.gantry.core.image;

import dev.gantry.core.EngineException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageChangesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void appliesTheInstructionsDockerAccepts() {
        ObjectNode config = JSON.createObjectNode();
        ImageChanges.apply(List.of("CMD [\"cat\", \"/x\"]", "ENTRYPOINT echo hi", "ENV A=1 B=\"two words\"", "ENV A=3",
                "EXPOSE 80 53/udp", "LABEL tier=front", "USER 65534", "WORKDIR /w", "VOLUME /data", "STOPSIGNAL SIGINT"), config);
        assertEquals("[\"cat\",\"/x\"]", config.get("Cmd").toString());
        assertEquals("[\"/bin/sh\",\"-c\",\"echo hi\"]", config.get("Entrypoint").toString());
        assertEquals("[\"B=two words\",\"A=3\"]", config.get("Env").toString());
        assertEquals("{\"80/tcp\":{},\"53/udp\":{}}", config.get("ExposedPorts").toString());
        assertEquals("front", config.path("Labels").path("tier").asText());
        assertEquals("65534", config.path("User").asText());
        assertEquals("/w", config.path("WorkingDir").asText());
        assertEquals("{\"/data\":{}}", config.get("Volumes").toString());
        assertEquals("SIGINT", config.path("StopSignal").asText());
    }

    @Test
    void refusesOtherInstructions() {
        var e = assertThrows(EngineException.class, () -> ImageChanges.apply(List.of("RUN rm -rf /"), JSON.createObjectNode()));
        assertEquals("run is not a valid change command", e.getMessage());
    }
}
