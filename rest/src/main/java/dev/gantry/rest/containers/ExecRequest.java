package dev.gantry.rest.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.ExecConfig;
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

    /** The request as core takes it; {@code Cmd} and {@code Env} must be lists of strings. */
    static ExecConfig parse(JsonNode body) {
        ObjectNode n = canonical(body);
        return new ExecConfig(strings(n, "Cmd"), strings(n, "Env"), n.path("User").asText(""),
                n.path("WorkingDir").asText(""), n.path("Tty").asBoolean(false), n.path("Privileged").asBoolean(false),
                n.path("AttachStdin").asBoolean(false), n.path("AttachStdout").asBoolean(false),
                n.path("AttachStderr").asBoolean(false), n.path("DetachKeys").asText(""));
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw EngineException.invalid("json: cannot unmarshal " + node.getNodeType().name().toLowerCase()
                    + " into Go struct field ExecConfig." + field + " of type []string");
        }
        List<String> out = new ArrayList<>();
        node.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static ObjectNode canonical(JsonNode body) {
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
