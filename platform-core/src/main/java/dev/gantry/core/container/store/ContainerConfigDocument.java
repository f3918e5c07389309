package dev.gantry.core.container.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.container.config.ContainerConfig;
import dev.gantry.core.container.config.HealthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link ContainerConfig} in Docker's {@code Config} form, the form the state store has always kept it in (so
 * records written before it was typed load unchanged). Reading is lenient as dockerd's is: a string where a list
 * is expected is a one-element list, an absent field is unset. Writing leaves out the fields dockerd leaves out
 * when unset ({@code omitempty}).
 */
public final class ContainerConfigDocument {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ContainerConfigDocument() {
    }

    public static ContainerConfig read(JsonNode n) {
        if (n == null || !n.isObject()) {
            return ContainerConfig.empty();
        }
        JsonNode timeout = n.get("StopTimeout");
        return new ContainerConfig(text(n, "Hostname"), text(n, "Domainname"), text(n, "User"),
                n.path("AttachStdin").asBoolean(false), n.path("AttachStdout").asBoolean(false),
                n.path("AttachStderr").asBoolean(false), keys(n.get("ExposedPorts")), n.path("Tty").asBoolean(false),
                n.path("OpenStdin").asBoolean(false), n.path("StdinOnce").asBoolean(false), strings(n.get("Env")),
                strings(n.get("Cmd")), health(n.get("Healthcheck")), n.path("ArgsEscaped").asBoolean(false),
                text(n, "Image"), keys(n.get("Volumes")), text(n, "WorkingDir"), strings(n.get("Entrypoint")),
                n.path("NetworkDisabled").asBoolean(false), text(n, "MacAddress"), strings(n.get("OnBuild")),
                map(n.get("Labels")), n.hasNonNull("StopSignal") ? n.get("StopSignal").asText() : null,
                timeout == null || timeout.isNull() ? null : timeout.asInt(), strings(n.get("Shell")));
    }

    public static ObjectNode write(ContainerConfig c) {
        ObjectNode n = F.objectNode();
        n.put("Hostname", c.hostname());
        n.put("Domainname", c.domainname());
        n.put("User", c.user());
        n.put("AttachStdin", c.attachStdin());
        n.put("AttachStdout", c.attachStdout());
        n.put("AttachStderr", c.attachStderr());
        n.set("ExposedPorts", keys(c.exposedPorts()));
        n.put("Tty", c.tty());
        n.put("OpenStdin", c.openStdin());
        n.put("StdinOnce", c.stdinOnce());
        n.set("Env", strings(c.env()));
        n.set("Cmd", strings(c.cmd()));
        if (c.healthcheck() != null) {
            n.set("Healthcheck", health(c.healthcheck()));
        }
        if (c.argsEscaped()) {
            n.put("ArgsEscaped", true);
        }
        n.put("Image", c.image());
        n.set("Volumes", keys(c.volumes()));
        n.put("WorkingDir", c.workingDir());
        n.set("Entrypoint", strings(c.entrypoint()));
        if (c.networkDisabled()) {
            n.put("NetworkDisabled", true);
        }
        if (!c.macAddress().isEmpty()) {
            n.put("MacAddress", c.macAddress());
        }
        n.set("OnBuild", strings(c.onBuild()));
        n.set("Labels", map(c.labels()));
        if (c.stopSignal() != null) {
            n.put("StopSignal", c.stopSignal());
        }
        if (c.stopTimeout() != null) {
            n.put("StopTimeout", c.stopTimeout());
        }
        if (c.shell() != null) {
            n.set("Shell", strings(c.shell()));
        }
        return n;
    }

    /** Docker's {@code Healthcheck}, with the zero fields left out. */
    public static ObjectNode health(HealthConfig h) {
        ObjectNode n = F.objectNode();
        if (!h.test().isEmpty()) {
            n.set("Test", strings(h.test()));
        }
        putNonZero(n, "Interval", h.interval());
        putNonZero(n, "Timeout", h.timeout());
        putNonZero(n, "StartPeriod", h.startPeriod());
        putNonZero(n, "StartInterval", h.startInterval());
        putNonZero(n, "Retries", h.retries());
        return n;
    }

    public static HealthConfig health(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        return new HealthConfig(strings(n.get("Test")), n.path("Interval").asLong(0), n.path("Timeout").asLong(0),
                n.path("StartPeriod").asLong(0), n.path("StartInterval").asLong(0), n.path("Retries").asInt(0));
    }

    private static void putNonZero(ObjectNode n, String field, long v) {
        if (v != 0) {
            n.put(field, v);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** A list of strings; a lone string is a list of one (Docker's {@code StrSlice}); absent or null is unset. */
    public static List<String> strings(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        } else {
            out.add(n.asText());
        }
        return out;
    }

    public static JsonNode strings(List<String> l) {
        if (l == null) {
            return F.nullNode();
        }
        ArrayNode a = F.arrayNode();
        l.forEach(a::add);
        return a;
    }

    /** Docker's set form, an object of empty objects ({@code {"80/tcp": {}}}). */
    private static Set<String> keys(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode keys(Set<String> s) {
        if (s == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        s.forEach(o::putObject);
        return o;
    }

    public static Map<String, String> map(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return out;
    }

    public static JsonNode map(Map<String, String> m) {
        if (m == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        m.forEach(o::put);
        return o;
    }
}
