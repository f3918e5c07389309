package dev.gantry.rest.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class PingSamplerTest {
    private final PingSampler sampler = new PingSampler();

    @Test
    void recognisesThePingWithAndWithoutAVersion() {
        assertTrue(PingSampler.isPing("/_ping"));
        assertTrue(PingSampler.isPing("/v1.41/_ping"));
        assertFalse(PingSampler.isPing("/containers/_ping"));
        assertFalse(PingSampler.isPing("/v1.41/containers/_ping"));
        assertFalse(PingSampler.isPing("/v/_ping"));
        assertFalse(PingSampler.isPing("/_pingx"));
        assertFalse(PingSampler.isPing("/version"));
        assertFalse(PingSampler.isPing(null));
    }

    @Test
    void dropsOnlyServerSpansOfThePing() {
        assertEquals(SamplingDecision.DROP, decide(SpanKind.SERVER, "/v1.51/_ping"));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(SpanKind.SERVER, "/v1.51/version"));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(SpanKind.SERVER, null));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(SpanKind.INTERNAL, "/_ping"));
    }

    private SamplingDecision decide(SpanKind kind, String path) {
        Attributes attributes = path == null ? Attributes.empty()
                : Attributes.of(AttributeKey.stringKey("url.path"), path);
        return sampler.shouldSample(Context.root(), "4bf92f3577b34da6a3ce929d0e0e4736", "GET", kind, attributes,
                List.of()).getDecision();
    }
}
