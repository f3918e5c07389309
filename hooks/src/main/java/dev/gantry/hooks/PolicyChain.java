package dev.gantry.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a policy event through the files that handle it, in name order: the first denial wins; a change passes
 * to the next file; an error or a timeout denies unless the file says {@code failure = "open"}.
 */
final class PolicyChain {
    private final HookRunner runner;
    private final EventBus events;

    PolicyChain(HookRunner runner, EventBus events) {
        this.runner = runner;
        this.events = events;
    }

    PolicyDecision run(List<HookModule> files, HookEvent event, List<JsonNode> args) {
        List<JsonNode> current = new ArrayList<>(args);
        for (HookModule m : files) {
            if (!m.handles(event)) {
                continue;
            }
            Judged j = runner.run(m, event, current, GantryApi.Mode.READ_ONLY);
            switch (j.outcome()) {
                case DENY -> {
                    return deny(m, event, j.reason().orElse(""));
                }
                case ERROR, TIMEOUT -> {
                    if (!m.failOpen()) {
                        return deny(m, event, (j.outcome() == Outcome.TIMEOUT ? "" : "hook failed: ")
                                + j.reason().orElse("") + " (failure = \"closed\")");
                    }
                }
                case CHANGE -> current.set(0, j.payload().orElseThrow());
                case ALLOW -> {
                }
            }
        }
        return new PolicyDecision(Optional.empty(), current.isEmpty() ? null : current.getFirst());
    }

    private PolicyDecision deny(HookModule m, HookEvent event, String reason) {
        events.publish(Event.now("hook", "deny", m.name(), Map.of("file", m.file().getFileName().toString(),
                "event", event.function(), "reason", reason)));
        return new PolicyDecision(Optional.of("denied by hook " + m.name() + ": " + reason), null);
    }
}
