package dev.gantry.rest.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /containers/{id}/exec} read as dockerd reads it. Go's JSON decoding matches field names
 * regardless of case, and clients rely on it: docker-py sends {@code detachKeys} (from the {@code detachKeys} of
 * the user's {@code ~/.docker/config.json}). Detach keys are checked here, at create, with dockerd's words.
 */
final class ExecRequest {
    private static final List<String> FIELDS = List.of("User", "Privileged", "Tty", "ConsoleSize", "AttachStdin",
            "AttachStderr", "AttachStdout", "Detach", "DetachKeys", "Env", "WorkingDir", "Cmd");

    private ExecRequest() {
    }

    static ObjectNode canonical(JsonNode body) {
        ObjectNode out = ((ObjectNode) body).deepCopy();
        for (String field : FIELDS) {
            if (out.has(field)) {
                continue;
            }
            List<String> names = new ArrayList<>();
            out.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (n.equalsIgnoreCase(field)) {
                    out.set(field, out.remove(n));
                    break;
                }
            }
        }
        String keys = out.path("DetachKeys").asText("");
        if (!keys.isEmpty()) {
            try {
                DetachKeys.parse(keys);
            } catch (EngineException e) {
                throw EngineException.invalid("Invalid escape keys (" + keys + ") provided");
            }
        }
        return out;
    }
}
