package dev.gantry.rest.swarm;

import dev.gantry.rest.api.DockerError;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Swarm mode's endpoints ({@code /swarm*}, {@code /nodes}, {@code /services}, {@code /tasks}, {@code /secrets},
 * {@code /configs}, their sub-paths, any method), answered as a dockerd that is not in a swarm answers them: clients
 * and the CLI read these answers to learn there is no swarm. Gantry has no swarm mode, so joining one is refused
 * with 501 rather than dockerd's answer to a failed join.
 */
@ApplicationScoped
public class SwarmRoutes {
    static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or "
            + "\"docker swarm join\" to connect this node to swarm and try again.";
    static final String NOT_IN_A_SWARM = "This node is not part of a swarm";
    static final String NO_SWARM_MODE = "Gantry has no swarm mode: it runs containers on this host only, "
            + "so it can neither start a swarm nor join one";

    void register(@Observes Router router) {
        router.routeWithRegex("/(swarm|nodes|services|tasks|secrets|configs)(/.*)?").handler(this::answer);
    }

    private void answer(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean post = rc.request().method() == HttpMethod.POST;
        if (post && (path.equals("/swarm/init") || path.equals("/swarm/join"))) {
            new DockerError(NO_SWARM_MODE).send(rc.response(), 501);
        } else if (post && path.equals("/swarm/leave")) {
            new DockerError(NOT_IN_A_SWARM).send(rc.response(), 503);
        } else {
            new DockerError(NOT_A_MANAGER).send(rc.response(), 503);
        }
    }
}
