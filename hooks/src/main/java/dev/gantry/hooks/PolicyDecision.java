package dev.gantry.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What the policy hooks decided about an operation.
 *
 * @param denial  the client's message ({@code denied by hook NAME: reason}) when denied
 * @param payload the first argument as the last hook left it (changed by {@code beforeCreate} hooks)
 */
public record PolicyDecision(Optional<String> denial, JsonNode payload) {
    public boolean allowed() {
        return denial.isEmpty();
    }
}
