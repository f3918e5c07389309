package dev.gantry.rest.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.LayerRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Docker's JSON shapes for images: ImageSummary, ImageInspect, HistoryResponseItem. */
public final class ImageSummaries {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ImageSummaries() {
    }

    static long created(ImageRecord image) {
        String c = image.config().path("created").asText("");
        if (c.isEmpty()) {
            return image.created().getEpochSecond();
        }
        try {
            return OffsetDateTime.parse(c).toEpochSecond();
        } catch (RuntimeException e) {
            return image.created().getEpochSecond();
        }
    }

    public static ObjectNode summary(ImageRecord image) {
        ObjectNode n = JSON.objectNode();
        n.put("Id", image.id().toString()).put("ParentId", image.config().path("parent").asText(""));
        ArrayNode tags = n.putArray("RepoTags");
        image.repoTags().forEach(tags::add);
        ArrayNode digests = n.putArray("RepoDigests");
        image.repoDigests().forEach(digests::add);
        n.put("Created", created(image)).put("Size", image.size()).put("SharedSize", -1).put("VirtualSize", image.size());
        JsonNode labels = image.config().path("config").path("Labels");
        n.set("Labels", labels.isObject() ? labels : JSON.objectNode());
        n.put("Containers", -1);
        return n;
    }

    static ObjectNode inspect(ImageRecord image, String driver) {
        ObjectNode n = JSON.objectNode();
        n.put("Id", image.id().toString());
        ArrayNode tags = n.putArray("RepoTags");
        image.repoTags().forEach(tags::add);
        ArrayNode digests = n.putArray("RepoDigests");
        image.repoDigests().forEach(digests::add);
        JsonNode c = image.config();
        n.put("Parent", c.path("parent").asText("")).put("Comment", c.path("comment").asText(""))
                .put("Created", c.path("created").asText(Instant.ofEpochSecond(created(image)).toString()))
                .put("DockerVersion", c.path("docker_version").asText(""))
                .put("Author", c.path("author").asText(""));
        n.set("Config", containerConfig(c.path("config")));
        n.put("Architecture", c.path("architecture").asText("amd64")).put("Os", c.path("os").asText("linux"));
        if (c.has("variant")) {
            n.put("Variant", c.path("variant").asText());
        }
        n.put("Size", image.size()).put("VirtualSize", image.size());
        ObjectNode graph = n.putObject("GraphDriver").put("Name", driver);
        graph.putNull("Data");
        ObjectNode rootfs = n.putObject("RootFS").put("Type", "layers");
        ArrayNode layers = rootfs.putArray("Layers");
        image.layers().forEach(l -> layers.add(l.diffId().toString()));
        n.putObject("Metadata").put("LastTagTime", "0001-01-01T00:00:00Z");
        return n;
    }

    /** The image config's {@code config}, with the fields Docker always shows. */
    private static ObjectNode containerConfig(JsonNode config) {
        ObjectNode n = JSON.objectNode();
        n.put("Hostname", "").put("Domainname", "").put("User", config.path("User").asText(""))
                .put("AttachStdin", false).put("AttachStdout", false).put("AttachStderr", false)
                .put("Tty", false).put("OpenStdin", false).put("StdinOnce", false);
        copyOrNull(config, n, "ExposedPorts");
        copyOrNull(config, n, "Env");
        copyOrNull(config, n, "Cmd");
        copyOrNull(config, n, "Healthcheck");
        n.put("Image", "");
        copyOrNull(config, n, "Volumes");
        n.put("WorkingDir", config.path("WorkingDir").asText(""));
        copyOrNull(config, n, "Entrypoint");
        copyOrNull(config, n, "OnBuild");
        copyOrNull(config, n, "Labels");
        if (config.has("StopSignal")) {
            n.set("StopSignal", config.get("StopSignal"));
        }
        if (config.has("Shell")) {
            n.set("Shell", config.get("Shell"));
        }
        return n;
    }

    private static void copyOrNull(JsonNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v == null || v.isNull()) {
            to.putNull(field);
        } else {
            to.set(field, v);
        }
    }

    /** Newest first; the top entry carries the image's ID and tags, older ones {@code <missing>}. */
    static ArrayNode history(ImageRecord image) {
        ArrayNode out = JSON.arrayNode();
        JsonNode history = image.config().path("history");
        List<LayerRecord> layers = image.layers();
        int layer = 0;
        ArrayNode entries = JSON.arrayNode();
        for (JsonNode h : history) {
            boolean empty = h.path("empty_layer").asBoolean(false);
            long size = !empty && layer < layers.size() ? layers.get(layer++).size() : 0;
            ObjectNode e = JSON.objectNode();
            e.put("Id", "<missing>").put("Created", epoch(h.path("created").asText(""), image))
                    .put("CreatedBy", h.path("created_by").asText("")).putNull("Tags")
                    .put("Size", size).put("Comment", h.path("comment").asText(""));
            entries.add(e);
        }
        if (entries.isEmpty()) {
            for (LayerRecord l : layers) {
                entries.addObject().put("Id", "<missing>").put("Created", created(image)).put("CreatedBy", "")
                        .putNull("Tags").put("Size", l.size()).put("Comment", "");
            }
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            out.add(entries.get(i));
        }
        if (!out.isEmpty()) {
            ObjectNode top = (ObjectNode) out.get(0);
            top.put("Id", image.id().toString());
            ArrayNode tags = top.putArray("Tags");
            image.repoTags().forEach(tags::add);
        }
        return out;
    }

    private static long epoch(String created, ImageRecord image) {
        try {
            return OffsetDateTime.parse(created).toEpochSecond();
        } catch (RuntimeException e) {
            return created(image);
        }
    }
}
