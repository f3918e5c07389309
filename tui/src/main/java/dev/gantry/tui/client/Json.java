package dev.gantry.tui.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The dashboard's JSON reading, with Gantry's one mapper. */
public final class Json {
    public static final ObjectMapper MAPPER = dev.gantry.spi.json.Json.MAPPER;

    private Json() {
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
