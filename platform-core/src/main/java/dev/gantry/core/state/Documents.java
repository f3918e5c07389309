package dev.gantry.core.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.spi.json.Json;

/**
 * The engine's name for Gantry's one JSON mapper ({@link Json#MAPPER}): records kept as documents in the state
 * store (containers, volumes), image configs, manifests and API bodies all go through it.
 */
public final class Documents {
    public static final ObjectMapper MAPPER = Json.MAPPER;

    private Documents() {
    }
}
