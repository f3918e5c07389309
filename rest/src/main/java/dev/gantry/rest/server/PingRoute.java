package dev.gantry.rest.server;

import dev.gantry.rest.engine.BuildInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET} and {@code HEAD /_ping} (also {@code /vN.NN/_ping}, which {@code ApiRoutes} re-routes here after
 * checking the version): answered on the event loop from bytes and headers built once, right after the Host
 * check and the version check, without RESTEasy. Clients and the dashboard poll it, and it was 3x dockerd's time
 * with a resource method, a server span and an HTTP timer per call (docs/benchmarks.md). Its span is dropped by
 * {@link PingSampler} and its HTTP timer by {@code quarkus.micrometer.binder.http-server.ignore-patterns}; what
 * is left is one counter, {@code gantry.ping.requests}.
 */
@ApplicationScoped
public class PingRoute {
    /** After the Host check, body limits and version routes (all at {@code Integer.MIN_VALUE}), before the rest. */
    static final int ORDER = Integer.MIN_VALUE + 1;
    private static final Buffer OK = Buffer.buffer("OK");
    private static final MultiMap HEADERS = headers();
    private final Counter requests;

    PingRoute(MeterRegistry meters) {
        this.requests = Counter.builder("gantry.ping.requests").description("GET and HEAD /_ping answered")
                .register(meters);
    }

    void register(@Observes Router router) {
        router.route("/_ping").order(ORDER).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::answer);
    }

    private void answer(RoutingContext rc) {
        requests.increment();
        var response = rc.response();
        response.headers().addAll(HEADERS);
        if (rc.request().method() == HttpMethod.HEAD) {
            // HEAD answers carry no body; Docker's HEAD /_ping says Content-Length: 0
            response.putHeader(HttpHeaderNames.CONTENT_LENGTH, "0").end();
        } else {
            response.end(OK);
        }
    }

    private static MultiMap headers() {
        return MultiMap.caseInsensitiveMultiMap()
                .add("Api-Version", BuildInfo.API_VERSION)
                .add("Builder-Version", "1")
                .add("Docker-Experimental", "false")
                .add("Ostype", "linux")
                .add("Swarm", "inactive")
                .add("Cache-Control", "no-cache, no-store, must-revalidate")
                .add("Pragma", "no-cache")
                .add(HttpHeaderNames.CONTENT_TYPE.toString(), "text/plain; charset=utf-8");
    }
}
