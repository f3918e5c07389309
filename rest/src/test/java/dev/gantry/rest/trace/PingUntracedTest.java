package dev.gantry.rest.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.MultiMap;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.core.tracing.TracingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PingUntracedTest {
    /** Records what reaches the wrapped tracer. */
    static final class Recording implements VertxTracer<Object, Object> {
        final List<String> calls = new ArrayList<>();

        @Override
        public <R> Object receiveRequest(io.vertx.core.Context c, SpanKind k, TracingPolicy p, R request, String op,
                                         Iterable<Map.Entry<String, String>> h, TagExtractor<R> t) {
            calls.add("receive " + ((HttpRequest) request).uri());
            return "span";
        }

        @Override
        public <R> void sendResponse(io.vertx.core.Context c, R response, Object payload, Throwable f, TagExtractor<R> t) {
            calls.add("send " + payload);
        }
    }

    private static HttpRequest request(String uri) {
        return new HttpRequest() {
            public int id() {
                return 1;
            }

            public String uri() {
                return uri;
            }

            public String absoluteURI() {
                return "http://d" + uri;
            }

            public HttpMethod method() {
                return HttpMethod.GET;
            }

            public MultiMap headers() {
                return MultiMap.caseInsensitiveMultiMap();
            }

            public SocketAddress remoteAddress() {
                return null;
            }
        };
    }

    private static Object receive(VertxTracer<Object, Object> tracer, String uri) {
        return tracer.receiveRequest(null, SpanKind.RPC, TracingPolicy.PROPAGATE, request(uri), "GET", List.of(),
                TagExtractor.empty());
    }

    @Test
    void pingsNeverReachTheTracerAndEverythingElseDoes() {
        Recording inner = new Recording();
        PingUntraced.Tracer tracer = new PingUntraced.Tracer(inner);
        for (String ping : List.of("/_ping", "/v1.51/_ping", "/_ping?x=1")) {
            Object span = receive(tracer, ping);
            assertNull(span, ping);
            tracer.sendResponse(null, "response", span, null, TagExtractor.empty());
        }
        Object span = receive(tracer, "/v1.51/containers/json?all=1");
        tracer.sendResponse(null, "response", span, null, TagExtractor.empty());
        receive(tracer, "/v1.51/containers/_ping/json");
        assertEquals(List.of("receive /v1.51/containers/json?all=1", "send span", "receive /v1.51/containers/_ping/json"),
                inner.calls);
    }

    @Test
    void wrapsTheFactoryQuarkusSet() {
        Recording inner = new Recording();
        VertxOptions options = new VertxOptions().setTracingOptions(new TracingOptions().setFactory(o -> inner));
        new PingUntraced().accept(options);
        VertxTracer<?, ?> made = options.getTracingOptions().getFactory().tracer(options.getTracingOptions());
        assertSame(PingUntraced.Tracer.class, made.getClass());
        VertxOptions untraced = new VertxOptions();
        new PingUntraced().accept(untraced);
        assertNull(untraced.getTracingOptions());
    }
}
