package dev.gantry.core.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Docker's rules for merging a create request's {@code Config} over the image's config. */
final class CreateConfig {
    private static final java.util.List<String> CONFIG_FIELDS = java.util.List.of("Hostname", "Domainname", "User",
            "AttachStdin", "AttachStdout", "AttachStderr", "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd",
            "Healthcheck", "ArgsEscaped", "Image", "Volumes", "WorkingDir", "Entrypoint", "NetworkDisabled",
            "MacAddress", "OnBuild", "Labels", "StopSignal", "StopTimeout", "Shell");

    private CreateConfig() {
    }

    static ObjectNode merge(JsonNode body, JsonNode image, String shortId) {
        ObjectNode c = ContainerStore.JSON.createObjectNode();
        for (String f : CONFIG_FIELDS) {
            JsonNode v = body.get(f);
            if (v != null && !v.isNull()) {
                c.set(f, v.deepCopy());
            }
        }
        if (c.path("Hostname").asText("").isEmpty()) {
            c.put("Hostname", shortId);
        }
        c.put("Domainname", c.path("Domainname").asText(""));
        c.put("User", text(c, image, "User"));
        c.put("WorkingDir", text(c, image, "WorkingDir"));
        for (String f : java.util.List.of("AttachStdin", "AttachStdout", "AttachStderr", "Tty", "OpenStdin", "StdinOnce")) {
            c.put(f, c.path(f).asBoolean(false));
        }
        c.set("Env", EnvVars.mergeConfig(image.path("Env"), c.path("Env")));
        boolean userEntrypoint = c.has("Entrypoint") && c.get("Entrypoint").isArray() && !c.get("Entrypoint").isEmpty();
        if (!userEntrypoint) {
            if (!c.has("Cmd") || c.get("Cmd").isEmpty()) {
                c.set("Cmd", copyOrNull(image.get("Cmd")));
            }
            if (!c.has("Entrypoint") || c.get("Entrypoint").isNull()) {
                c.set("Entrypoint", copyOrNull(image.get("Entrypoint")));
            }
        } else if (!c.has("Cmd")) {
            c.putNull("Cmd");
        }
        c.set("Labels", union(image.path("Labels"), c.path("Labels")));
        c.set("Volumes", union(image.path("Volumes"), c.path("Volumes")));
        c.set("ExposedPorts", union(image.path("ExposedPorts"), c.path("ExposedPorts")));
        if (!c.has("StopSignal") && image.hasNonNull("StopSignal")) {
            c.put("StopSignal", image.get("StopSignal").asText());
        }
        JsonNode hc = healthcheck(image.path("Healthcheck"), c.path("Healthcheck"));
        if (hc != null) {
            c.set("Healthcheck", hc);
        }
        if (!c.has("OnBuild")) {
            c.putNull("OnBuild");
        }
        return c;
    }

    private static String text(JsonNode c, JsonNode image, String field) {
        String v = c.path(field).asText("");
        return v.isEmpty() ? image.path(field).asText("") : v;
    }

    private static JsonNode copyOrNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? ContainerStore.JSON.nullNode() : n.deepCopy();
    }

    private static JsonNode union(JsonNode image, JsonNode user) {
        if ((image.isMissingNode() || image.isNull()) && (user.isMissingNode() || user.isNull())) {
            return ContainerStore.JSON.nullNode();
        }
        ObjectNode out = ContainerStore.JSON.createObjectNode();
        if (image.isObject()) {
            out.setAll((ObjectNode) image.deepCopy());
        }
        if (user.isObject()) {
            out.setAll((ObjectNode) user.deepCopy());
        }
        return out;
    }

    /** The user's health check fields over the image's; {@code NONE} disables it. */
    private static JsonNode healthcheck(JsonNode image, JsonNode user) {
        if (!image.isObject() && !user.isObject()) {
            return null;
        }
        ObjectNode out = ContainerStore.JSON.createObjectNode();
        if (image.isObject()) {
            out.setAll((ObjectNode) image.deepCopy());
        }
        if (user.isObject()) {
            user.properties().forEach(e -> {
                JsonNode v = e.getValue();
                boolean zero = v.isNull() || (v.isNumber() && v.asLong() == 0) || (v.isArray() && v.isEmpty());
                if (!zero) {
                    out.set(e.getKey(), v.deepCopy());
                }
            });
        }
        return out;
    }
}
