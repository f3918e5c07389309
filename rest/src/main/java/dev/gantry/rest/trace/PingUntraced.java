package dev.gantry.rest.trace;

import io.quarkus.vertx.VertxOptionsCustomizer;
import io.vertx.core.Context;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingOptions;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Keeps {@code /_ping} out of the Vert.x tracer altogether. {@link PingSampler} drops its span, but only after
 * OpenTelemetry's HTTP instrumenter has extracted every semantic attribute for the sampler to look at: a quarter
 * of the event loop's samples on a stream of pings (docs/benchmarks.md). Quarkus applies {@link
 * VertxOptionsCustomizer} beans after its own tracing options, so this wraps the tracer factory it set; a
 * request whose path is a ping never reaches the tracer, every other request goes through unchanged.
 */
@Singleton
public class PingUntraced implements VertxOptionsCustomizer {
    @Override
    public void accept(VertxOptions options) {
        TracingOptions tracing = options.getTracingOptions();
        if (tracing != null && tracing.getFactory() != null) {
            VertxTracerFactory inner = tracing.getFactory();
            tracing.setFactory(o -> new Tracer(inner.tracer(o)));
        }
    }

    /** The tracer Quarkus made, minus pings: no span is started for one, so none is ended. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class Tracer implements VertxTracer<Object, Object> {
        private final VertxTracer inner;

        Tracer(VertxTracer inner) {
            this.inner = inner;
        }

        @Override
        public <R> Object receiveRequest(Context context, SpanKind kind, io.vertx.core.tracing.TracingPolicy policy,
                                         R request, String operation, Iterable<Map.Entry<String, String>> headers,
                                         TagExtractor<R> tagExtractor) {
            if (request instanceof HttpRequest http && isPing(http.uri())) {
                return null;
            }
            return inner.receiveRequest(context, kind, policy, request, operation, headers, tagExtractor);
        }

        @Override
        public <R> void sendResponse(Context context, R response, Object payload, Throwable failure,
                                     TagExtractor<R> tagExtractor) {
            if (payload != null) {
                inner.sendResponse(context, response, payload, failure, tagExtractor);
            }
        }

        @Override
        public <R> Object sendRequest(Context context, SpanKind kind, io.vertx.core.tracing.TracingPolicy policy,
                                      R request, String operation, BiConsumer<String, String> headers,
                                      TagExtractor<R> tagExtractor) {
            return inner.sendRequest(context, kind, policy, request, operation, headers, tagExtractor);
        }

        @Override
        public <R> void receiveResponse(Context context, R response, Object payload, Throwable failure,
                                        TagExtractor<R> tagExtractor) {
            inner.receiveResponse(context, response, payload, failure, tagExtractor);
        }

        @Override
        public void close() {
            inner.close();
        }

        static boolean isPing(String uri) {
            if (uri == null) {
                return false;
            }
            int query = uri.indexOf('?');
            return PingSampler.isPing(query < 0 ? uri : uri.substring(0, query));
        }
    }
}
