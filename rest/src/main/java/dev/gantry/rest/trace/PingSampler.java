package dev.gantry.rest.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The engine's sampler: every span, as OpenTelemetry's default ({@code parentbased_always_on}), except the
 * server span of {@code /_ping} and {@code /vN.NN/_ping}. Clients and the dashboard poll it; recording and
 * storing a span for each was most of its cost (docs/benchmarks.md). Quarkus uses a {@link Sampler} bean in
 * place of the configured one (and still wraps it to drop its own non-application paths).
 */
@Singleton
public class PingSampler implements Sampler {
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    private final Sampler delegate = Sampler.parentBased(Sampler.alwaysOn());

    @Override
    public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
                                       Attributes attributes, List<LinkData> links) {
        if (kind == SpanKind.SERVER && isPing(attributes.get(URL_PATH))) {
            return SamplingResult.drop();
        }
        return delegate.shouldSample(parent, traceId, name, kind, attributes, links);
    }

    static boolean isPing(String path) {
        if (path == null || !path.endsWith("/_ping")) {
            return false;
        }
        int slash = path.length() - "/_ping".length();
        return slash == 0 || slash > 2 && path.charAt(1) == 'v' && path.lastIndexOf('/', slash - 1) == 0;
    }

    @Override
    public String getDescription() {
        return "GantryPingSampler{" + delegate.getDescription() + "}";
    }
}
