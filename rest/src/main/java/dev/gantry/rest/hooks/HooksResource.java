package dev.gantry.rest.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.hooks.DryRun;
import dev.gantry.hooks.HookEvent;
import dev.gantry.hooks.HookView;
import dev.gantry.hooks.Outcome;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /gantry/v1/hooks}: the hook files with their state and stats ({@code GET}), what one would decide
 * ({@code POST {name}/dry-run}), and a reload of all ({@code POST reload}).
 */
@Path("/gantry/v1/hooks")
@Produces(MediaType.APPLICATION_JSON)
public class HooksResource {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final HookService service;

    HooksResource(HookService service) {
        this.service = service;
    }

    @GET
    public ArrayNode list() {
        ArrayNode out = JSON.arrayNode();
        service.hooks().list().forEach(v -> out.add(view(v)));
        return out;
    }

    static ObjectNode view(HookView v) {
        ObjectNode n = JSON.objectNode().put("Name", v.name()).put("File", v.file());
        ArrayNode events = n.putArray("Events");
        v.events().forEach(events::add);
        n.put("State", v.active() ? "active" : "error");
        if (v.error().isPresent()) {
            n.putObject("Error").put("Message", v.error().get()).put("Line", v.errorLine());
        } else {
            n.putNull("Error");
        }
        n.put("Failure", v.failOpen() ? "open" : "closed");
        n.put("TimeoutMillis", v.timeoutMillis());
        n.put("Schedule", v.schedule().orElse(null));
        ObjectNode counts = n.putObject("Counts");
        for (Outcome o : Outcome.values()) {
            counts.put(o.word(), v.counts().getOrDefault(o, 0L));
        }
        n.put("P50Micros", v.p50Micros().orElse(null));
        n.put("P99Micros", v.p99Micros().orElse(null));
        n.put("LastError", v.lastError().orElse(null));
        return n;
    }

    /**
     * {@code {"event": "beforeCreate", "payload": ...}}: the payload is the event's argument; for events of two
     * arguments ({@code beforeExec}, {@code afterExit}, {@code onHealth}) an array of both.
     */
    @POST
    @Path("{name}/dry-run")
    public ObjectNode dryRun(@PathParam("name") String name, JsonNode body) {
        if (body == null || !body.path("event").isTextual()) {
            throw EngineException.invalid("dry-run needs {\"event\": NAME, \"payload\": ...}");
        }
        HookEvent event = HookEvent.named(body.get("event").asText())
                .orElseThrow(() -> EngineException.invalid("unknown hook event " + body.get("event").asText()));
        DryRun r = service.hooks().dryRun(name, event, arguments(event, body.path("payload")));
        ObjectNode out = JSON.objectNode().put("Hook", r.hook()).put("Event", r.event().function())
                .put("Decision", r.outcome().word()).put("Reason", r.reason().orElse(null));
        out.set("Payload", r.payload().orElse(null));
        out.set("Calls", r.calls());
        out.put("DurationMicros", r.durationMicros());
        return out;
    }

    private static List<JsonNode> arguments(HookEvent event, JsonNode payload) {
        boolean two = event == HookEvent.BEFORE_EXEC || event == HookEvent.AFTER_EXIT || event == HookEvent.ON_HEALTH;
        if (event == HookEvent.ON_SCHEDULE) {
            return List.of();
        }
        if (!two) {
            return List.of(payload.isMissingNode() ? JSON.objectNode() : payload);
        }
        if (!payload.isArray() || payload.size() != 2) {
            throw EngineException.invalid(event.function() + " takes two arguments: give the payload as an array of both");
        }
        List<JsonNode> args = new ArrayList<>();
        payload.forEach(args::add);
        return args;
    }

    @POST
    @Path("reload")
    public ArrayNode reload() {
        service.hooks().reload();
        return list();
    }
}
