package dev.gantry.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What a hook would decide, or do: its outcome and reason, the changed request, and the gantry writes it would
 * have made (recorded, not made).
 */
public record DryRun(String hook, HookEvent event, Outcome outcome, Optional<String> reason,
                     Optional<JsonNode> payload, JsonNode calls, long durationMicros) {
    static DryRun of(String hook, HookEvent event, Judged j) {
        return new DryRun(hook, event, j.outcome(), j.reason(), j.payload(), GantryApi.json(j.recorded()),
                j.call().duration().toNanos() / 1000);
    }
}
