package dev.gantry.rest.events;

import dev.gantry.core.EngineException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.event.EventFilter;
import dev.gantry.rest.api.DockerError;
import dev.gantry.rest.api.DockerTime;
import dev.gantry.rest.api.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /events}: Docker's event stream, one JSON object per line, kept open until {@code until} passes
 * or the client goes. A raw Vert.x route, since the stream never ends on its own.
 */
@ApplicationScoped
public class EventsRoute {
    private final EventBus bus;

    EventsRoute(EventBus bus) {
        this.bus = bus;
    }

    void register(@Observes Router router) {
        router.get("/events").handler(this::stream);
    }

    private void stream(RoutingContext rc) {
        long since;
        long until;
        EventFilter filter;
        try {
            since = DockerTime.nanos(rc.queryParams().get("since"), -1);
            until = DockerTime.nanos(rc.queryParams().get("until"), Long.MAX_VALUE);
            filter = filters(rc.queryParams().get("filters"));
        } catch (EngineException e) {
            new DockerError(e.getMessage()).send(rc.response(), dev.gantry.rest.api.ErrorStatus.of(e));
            return;
        }
        HttpServerResponse response = rc.response().setChunked(true).putHeader("Content-Type", "application/json");
        response.setStatusCode(200);
        Context context = Vertx.currentContext();
        long now = System.currentTimeMillis() * 1_000_000L;
        if (since > now) {
            // Docker waits for a future "since"; nothing kept can match it, so live events will do
            since = -1;
        }
        long endAt = until;
        SlowClient slow = new SlowClient(response);
        var subscription = bus.subscribe(since, filter, e -> {
            if (e.timeNano() <= endAt && slow.admit()) {
                context.runOnContext(v -> {
                    slow.taken();
                    if (!response.ended() && !response.closed()) {
                        response.write(json(e) + "\n");
                    }
                });
            }
        });
        response.write("");
        Runnable finish = () -> {
            subscription.close();
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        };
        response.closeHandler(v -> subscription.close());
        if (until != Long.MAX_VALUE) {
            long delayMs = Math.max(1, (until - now) / 1_000_000L);
            // the replay above was queued on this context, so the end is queued after it
            context.owner().setTimer(delayMs, id -> context.runOnContext(v -> finish.run()));
        }
    }

    static String json(Event e) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (e.type().equals("container") || e.type().equals("image")) {
            n.put("status", e.action()).put("id", e.actorId());
            if (e.attributes().containsKey("image")) {
                n.put("from", e.attributes().get("image"));
            }
        }
        n.put("Type", e.type()).put("Action", e.action());
        ObjectNode actor = n.putObject("Actor").put("ID", e.actorId());
        ObjectNode attributes = actor.putObject("Attributes");
        e.attributes().forEach(attributes::put);
        n.put("scope", "local").put("time", e.timeNano() / 1_000_000_000L).put("timeNano", e.timeNano());
        return n.toString();
    }

    static EventFilter filters(String json) {
        return new EventFilter(Filters.parse(json));
    }
}
