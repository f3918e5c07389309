package dev.gantry.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.content.Digest;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place image configs meet JSON: a config blob's bytes become an {@link ImageConfig}, and a new image's
 * config becomes the bytes its ID is the digest of. Reading is lenient where images in the wild are (missing
 * sections, {@code null} lists); writing leaves out unset fields, as Go's {@code omitempty} does.
 */
public final class ImageConfigCodec {
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;

    private ImageConfigCodec() {
    }

    public static ImageConfig decode(byte[] blob) throws IOException {
        JsonNode n = JSON.readTree(blob);
        if (n == null || !n.isObject()) {
            throw new IOException("invalid image config: not a JSON object");
        }
        try {
            List<Digest> diffIds = new ArrayList<>();
            for (JsonNode d : n.path("rootfs").path("diff_ids")) {
                diffIds.add(Digest.parse(d.asText()));
            }
            List<ImageConfig.History> history = new ArrayList<>();
            for (JsonNode h : n.path("history")) {
                history.add(new ImageConfig.History(time(h.path("created")), h.path("created_by").asText(""),
                        h.path("author").asText(""), h.path("comment").asText(""), h.path("empty_layer").asBoolean(false)));
            }
            return new ImageConfig(n.path("architecture").asText(""), n.path("os").asText(""), n.path("variant").asText(""),
                    time(n.path("created")), n.path("author").asText(""), n.path("comment").asText(""),
                    n.path("parent").asText(""), n.path("container").asText(""), n.path("docker_version").asText(""),
                    runConfig(n.path("config")), diffIds, history);
        } catch (RuntimeException e) {
            throw new IOException("invalid image config: " + e.getMessage(), e);
        }
    }

    public static byte[] encode(ImageConfig c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("architecture", c.architecture());
        put(n, "author", c.author());
        put(n, "comment", c.comment());
        n.set("config", toJson(c.config()));
        put(n, "container", c.container());
        c.created().ifPresent(t -> n.put("created", t.toString()));
        put(n, "docker_version", c.dockerVersion());
        ArrayNode history = n.putArray("history");
        for (ImageConfig.History h : c.history()) {
            ObjectNode e = history.addObject();
            h.created().ifPresent(t -> e.put("created", t.toString()));
            put(e, "created_by", h.createdBy());
            put(e, "author", h.author());
            put(e, "comment", h.comment());
            if (h.emptyLayer()) {
                e.put("empty_layer", true);
            }
        }
        n.put("os", c.os());
        put(n, "parent", c.parent());
        ArrayNode ids = n.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        c.diffIds().forEach(d -> ids.add(d.toString()));
        put(n, "variant", c.variant());
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An image config's {@code config} section, or a container's config read as one (for {@code docker commit}). */
    public static RunConfig runConfig(JsonNode c) {
        if (c == null || !c.isObject()) {
            return RunConfig.EMPTY;
        }
        JsonNode hc = c.path("Healthcheck");
        Optional<RunConfig.Healthcheck> healthcheck = hc.isObject() ? Optional.of(new RunConfig.Healthcheck(
                strings(hc.path("Test")), hc.path("Interval").asLong(0), hc.path("Timeout").asLong(0),
                hc.path("StartPeriod").asLong(0), hc.path("StartInterval").asLong(0), hc.path("Retries").asInt(0)))
                : Optional.empty();
        return new RunConfig(c.path("User").asText(""), keys(c.path("ExposedPorts")), strings(c.path("Env")),
                strings(c.path("Cmd")), strings(c.path("Entrypoint")), keys(c.path("Volumes")),
                c.path("WorkingDir").asText(""), labels(c.path("Labels")), c.path("StopSignal").asText(""), healthcheck,
                strings(c.path("OnBuild")), strings(c.path("Shell")), c.path("ArgsEscaped").asBoolean(false));
    }

    /** The section as Docker writes it in an image config, unset fields left out. */
    public static ObjectNode toJson(RunConfig c) {
        ObjectNode n = JSON.createObjectNode();
        put(n, "User", c.user());
        putKeys(n, "ExposedPorts", c.exposedPorts());
        putStrings(n, "Env", c.env());
        if (!c.cmd().isEmpty()) {
            putStrings(n, "Cmd", c.cmd());
        } else if (!c.entrypoint().isEmpty()) {
            n.putNull("Cmd");
        }
        c.healthcheck().ifPresent(h -> {
            ObjectNode o = n.putObject("Healthcheck");
            putStrings(o, "Test", h.test());
            putPositive(o, "Interval", h.interval());
            putPositive(o, "Timeout", h.timeout());
            putPositive(o, "StartPeriod", h.startPeriod());
            putPositive(o, "StartInterval", h.startInterval());
            putPositive(o, "Retries", h.retries());
        });
        if (c.argsEscaped()) {
            n.put("ArgsEscaped", true);
        }
        putKeys(n, "Volumes", c.volumes());
        put(n, "WorkingDir", c.workingDir());
        putStrings(n, "Entrypoint", c.entrypoint());
        putStrings(n, "OnBuild", c.onBuild());
        if (!c.labels().isEmpty()) {
            ObjectNode labels = n.putObject("Labels");
            c.labels().forEach(labels::put);
        }
        put(n, "StopSignal", c.stopSignal());
        putStrings(n, "Shell", c.shell());
        return n;
    }

    /** A list as compact JSON, the way Docker's builder shows exec forms in {@code created_by}. */
    public static String jsonList(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a.toString();
    }

    private static Optional<Instant> time(JsonNode n) {
        if (!n.isTextual() || n.asText().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(n.asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        if (a.isArray()) {
            a.forEach(e -> out.add(e.asText()));
        } else if (a.isTextual()) {
            // a few old images have a plain string where a list belongs
            out.add(a.asText());
        }
        return out;
    }

    private static Set<String> keys(JsonNode o) {
        Set<String> out = new LinkedHashSet<>();
        if (o.isObject()) {
            o.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    private static Map<String, String> labels(JsonNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o.isObject()) {
            o.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static void put(ObjectNode n, String field, String value) {
        if (!value.isEmpty()) {
            n.put(field, value);
        }
    }

    private static void putPositive(ObjectNode n, String field, long value) {
        if (value > 0) {
            n.put(field, value);
        }
    }

    private static void putStrings(ObjectNode n, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode a = n.putArray(field);
            values.forEach(a::add);
        }
    }

    private static void putKeys(ObjectNode n, String field, Collection<String> keys) {
        if (!keys.isEmpty()) {
            ObjectNode o = n.putObject(field);
            keys.forEach(o::putObject);
        }
    }
}
