package dev.gantry.rest.images;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.image.ImageConfig;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.LayerRecord;
import dev.gantry.core.image.RunConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Docker's JSON shapes for images: ImageSummary, ImageInspect, HistoryResponseItem. */
public final class ImageSummaries {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Go's RFC3339Nano: UTC as {@code Z}, the fraction without trailing zeros. */
    private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendLiteral('Z').toFormatter().withZone(ZoneOffset.UTC);

    private ImageSummaries() {
    }

    /** Seconds since the epoch the config says the image was made, else when it was recorded here. */
    static long created(ImageRecord image) {
        return image.config().created().orElse(image.created()).getEpochSecond();
    }

    public static ObjectNode summary(ImageRecord image) {
        ObjectNode n = JSON.objectNode();
        n.put("Id", image.id().toString()).put("ParentId", image.config().parent());
        ArrayNode tags = n.putArray("RepoTags");
        image.repoTags().forEach(tags::add);
        ArrayNode digests = n.putArray("RepoDigests");
        image.repoDigests().forEach(digests::add);
        n.put("Created", created(image)).put("Size", image.size()).put("SharedSize", -1).put("VirtualSize", image.size());
        ObjectNode labels = n.putObject("Labels");
        image.config().config().labels().forEach(labels::put);
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
        ImageConfig c = image.config();
        n.put("Parent", c.parent()).put("Comment", c.comment())
                .put("Created", RFC3339_NANO.format(c.created().orElse(Instant.ofEpochSecond(created(image)))))
                .put("DockerVersion", c.dockerVersion())
                .put("Author", c.author());
        n.set("Config", containerConfig(c.config()));
        n.put("Architecture", c.architecture()).put("Os", c.os());
        if (!c.variant().isEmpty()) {
            n.put("Variant", c.variant());
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

    /** The image config's {@code config}, with the fields Docker always shows ({@code null} when unset). */
    private static ObjectNode containerConfig(RunConfig config) {
        ObjectNode n = JSON.objectNode();
        n.put("Hostname", "").put("Domainname", "").put("User", config.user())
                .put("AttachStdin", false).put("AttachStdout", false).put("AttachStderr", false)
                .put("Tty", false).put("OpenStdin", false).put("StdinOnce", false);
        keysOrNull(n, "ExposedPorts", config.exposedPorts());
        listOrNull(n, "Env", config.env());
        listOrNull(n, "Cmd", config.cmd());
        config.healthcheck().ifPresentOrElse(h -> {
            ObjectNode o = n.putObject("Healthcheck");
            listOrNull(o, "Test", h.test());
            putPositive(o, "Interval", h.interval());
            putPositive(o, "Timeout", h.timeout());
            putPositive(o, "StartPeriod", h.startPeriod());
            putPositive(o, "StartInterval", h.startInterval());
            putPositive(o, "Retries", h.retries());
        }, () -> n.putNull("Healthcheck"));
        if (config.argsEscaped()) {
            n.put("ArgsEscaped", true);
        }
        n.put("Image", "");
        keysOrNull(n, "Volumes", config.volumes());
        n.put("WorkingDir", config.workingDir());
        listOrNull(n, "Entrypoint", config.entrypoint());
        listOrNull(n, "OnBuild", config.onBuild());
        if (config.labels().isEmpty()) {
            n.putNull("Labels");
        } else {
            ObjectNode labels = n.putObject("Labels");
            config.labels().forEach(labels::put);
        }
        if (!config.stopSignal().isEmpty()) {
            n.put("StopSignal", config.stopSignal());
        }
        if (!config.shell().isEmpty()) {
            listOrNull(n, "Shell", config.shell());
        }
        return n;
    }

    private static void listOrNull(ObjectNode to, String field, List<String> values) {
        if (values.isEmpty()) {
            to.putNull(field);
        } else {
            ArrayNode a = to.putArray(field);
            values.forEach(a::add);
        }
    }

    private static void keysOrNull(ObjectNode to, String field, Collection<String> keys) {
        if (keys.isEmpty()) {
            to.putNull(field);
        } else {
            ObjectNode o = to.putObject(field);
            keys.forEach(o::putObject);
        }
    }

    private static void putPositive(ObjectNode to, String field, long value) {
        if (value > 0) {
            to.put(field, value);
        }
    }

    /** Newest first; the top entry carries the image's ID and tags, older ones {@code <missing>}. */
    static ArrayNode history(ImageRecord image) {
        ArrayNode out = JSON.arrayNode();
        List<LayerRecord> layers = image.layers();
        int layer = 0;
        ArrayNode entries = JSON.arrayNode();
        for (ImageConfig.History h : image.config().history()) {
            long size = !h.emptyLayer() && layer < layers.size() ? layers.get(layer++).size() : 0;
            ObjectNode e = JSON.objectNode();
            e.put("Id", "<missing>").put("Created", epoch(h.created(), image))
                    .put("CreatedBy", h.createdBy()).putNull("Tags")
                    .put("Size", size).put("Comment", h.comment());
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

    private static long epoch(Optional<Instant> created, ImageRecord image) {
        return created.map(Instant::getEpochSecond).orElseGet(() -> created(image));
    }
}
