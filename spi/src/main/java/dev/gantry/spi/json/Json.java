package dev.gantry.spi.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Gantry's one JSON mapper, configured once, for the engine, its plugins and the dashboard: times as ISO text,
 * and fields a newer writer added ignored by an older reader rather than failing it. It lives in the SPI because
 * plugins see only the SPI; Jackson is an optional dependency here, so a plugin that reads no JSON does not get it.
 * Where a use needs a stricter reading (trailing tokens, size limits), it takes a reader of this mapper
 * ({@code MAPPER.reader().with(...)}) or parses with its own factory into this mapper, never a second mapper.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }
}
