package dev.gantry.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiVersionTest {
    @Test
    void comparesNumericallyNotAsText() {
        assertTrue(ApiVersion.parse("1.9").compareTo(ApiVersion.parse("1.24")) < 0);
        assertTrue(ApiVersion.parse("1.51").compareTo(ApiVersion.parse("1.50")) > 0);
    }

    @Test
    void splitsPrefixes() {
        var p = ApiVersion.split("/v1.43/containers/json").orElseThrow();
        assertEquals("1.43", p.version().toString());
        assertEquals("/containers/json", p.path());
        assertEquals("/", ApiVersion.split("/v1.43").orElseThrow().path());
        assertTrue(ApiVersion.split("/version").isEmpty());
        assertTrue(ApiVersion.split("/v1/x").isEmpty());
        assertTrue(ApiVersion.split("/v1.99999999999/x").isEmpty());
    }

    @Test
    void refusesOutsideTheServedRange() {
        assertTrue(ApiVersion.parse("1.24").refusal().isEmpty());
        assertTrue(ApiVersion.parse("1.51").refusal().isEmpty());
        assertTrue(ApiVersion.parse("1.52").refusal().orElseThrow().contains("too new"));
        assertTrue(ApiVersion.parse("1.23").refusal().orElseThrow().contains("too old"));
    }
}
