package dev.gantry.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A call of a hook read as a decision.
 *
 * @param outcome  allow, deny, change (the payload the hook returned), error or timeout
 * @param reason   the denial's reason, or the error
 * @param payload  the changed request, for change
 * @param recorded the writes a dry run recorded
 * @param call     the raw call
 */
public record Judged(Outcome outcome, Optional<String> reason, Optional<JsonNode> payload,
                     List<GantryApi.Call> recorded, CallResult call) {
}
