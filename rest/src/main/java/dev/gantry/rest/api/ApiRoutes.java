package dev.gantry.rest.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * The two routes that frame every request at the Vert.x level, so they cover JAX-RS resources and raw
 * streaming routes alike:
 * <ul>
 *   <li>first: a {@code /v1.NN} prefix is checked against the versions Gantry serves and stripped by
 *       re-routing, so each resource is written once, unversioned;</li>
 *   <li>also first: a query string Go's {@code net/url} cannot read is refused as dockerd refuses it (unencoded
 *       JSON reads, see {@link QueryStrings}), and a {@code Content-Type} that is no media type is dropped
 *       ({@link ContentTypes});</li>
 *   <li>last: whatever nothing else answered gets Docker's 404, {@code {"message":"page not found"}}.</li>
 * </ul>
 */
@ApplicationScoped
public class ApiRoutes {
    /** Context key holding the {@link ApiVersion} the client asked for. */
    public static final String VERSION_KEY = "gantry.api-version";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::versioned);
        router.route().order(Integer.MAX_VALUE).handler(rc -> new DockerError("page not found").send(rc.response(), 404));
    }

    private void versioned(RoutingContext rc) {
        ContentTypes.dropUnreadable(rc.request());
        var badQuery = rc.normalizedPath().endsWith("/_ping") ? Optional.<String>empty()
                : QueryStrings.problem(rc.request().query());
        if (badQuery.isPresent()) {
            new DockerError(badQuery.get()).send(rc.response(), 400);
            return;
        }
        var prefixed = ApiVersion.split(rc.normalizedPath());
        if (prefixed.isEmpty()) {
            rc.next();
            return;
        }
        ApiVersion version = prefixed.get().version();
        var refusal = version.refusal();
        if (refusal.isPresent()) {
            new DockerError(refusal.get()).send(rc.response(), 400);
            return;
        }
        rc.put(VERSION_KEY, version);
        String query = rc.request().query();
        rc.reroute(prefixed.get().path() + (query == null ? "" : "?" + query));
    }
}
