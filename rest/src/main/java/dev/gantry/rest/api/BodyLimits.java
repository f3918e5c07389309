package dev.gantry.rest.api;

import dev.gantry.rest.engine.GantryConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * Request bodies are capped per route: the archives (build contexts, image tarballs, {@code cp} and import
 * tars) are streamed to disk and may be large; every other body is JSON read into memory, so it gets a few MiB
 * ({@code gantry.api.max-json-body-bytes}) and a larger one is refused with 413 before it is read.
 */
@ApplicationScoped
public class BodyLimits {
    /** The routes whose bodies are streamed, with or without a {@code /v1.NN} prefix. */
    static final Pattern STREAMED = Pattern.compile(
            "(?:/v[0-9.]+)?/(?:build|images/load|images/create|containers/[^/]+/archive|session|grpc"
                    + "|containers/[^/]+/attach|exec/[^/]+/start)");

    private final long max;
    private final BodyHandler chunked;

    BodyLimits(GantryConfig config) {
        this.max = config.api().maxJsonBodyBytes();
        this.chunked = BodyHandler.create(false).setBodyLimit(max);
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                tooLarge(rc);
            } else {
                rc.next();
            }
        });
    }

    private void check(RoutingContext rc) {
        var request = rc.request();
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD || streamed(rc.normalizedPath())) {
            rc.next();
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                new DockerError("invalid Content-Length: " + length).send(rc.response(), 400);
                return;
            }
            if (declared > max) {
                tooLarge(rc);
                return;
            }
            rc.next();
        } else if (request.getHeader("Transfer-Encoding") != null) {
            // no length to check: the body is read here, up to the cap (BodyHandler answers 413 beyond it)
            chunked.handle(rc);
        } else {
            rc.next();
        }
    }

    private void tooLarge(RoutingContext rc) {
        rc.response().putHeader("Connection", "close");
        new DockerError("request body is larger than the limit of " + max + " bytes").send(rc.response(), 413);
    }

    static boolean streamed(String path) {
        return STREAMED.matcher(path).matches();
    }
}
