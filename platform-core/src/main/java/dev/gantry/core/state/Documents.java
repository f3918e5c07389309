package dev.gantry.core.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The engine's one JSON mapper, configured once: records kept as documents in the state store (containers,
 * volumes) with times as ISO text, and fields a newer Gantry added ignored by an older reader rather than failing
 * its start; image configs, manifests and API bodies go through it too. (Only {@code rest/api/Filters}, which must
 * refuse duplicate keys as dockerd does, and plugins, which see only the SPI, keep their own.)
 */
public final class Documents {
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Documents() {
    }
}
