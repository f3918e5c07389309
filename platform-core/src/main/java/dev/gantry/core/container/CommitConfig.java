package dev.gantry.core.container;

import dev.gantry.core.container.store.ContainerConfigDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.image.ImageChanges;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.LayerRecord;
import java.time.Instant;
import java.util.List;

/**
 * The image config {@code docker commit} makes: the container's config (with the request's {@code config} over it
 * and the {@code changes} applied, Dockerfile instructions such as {@code CMD} or {@code ENV}), the new layer, a
 * history entry with the author and comment, and the image it came from as {@code parent}, the v1 image field
 * inspect shows as {@code Parent}. {@code created} keeps the clock's full precision, as dockerd's does, so two
 * commits of the same container within a second are two images.
 */
final class CommitConfig {
    /** What the request asked for; any of it may be empty. */
    record Request(String comment, String author, List<String> changes, JsonNode config) {
        Request {
            comment = comment == null ? "" : comment;
            author = author == null ? "" : author;
            changes = changes == null ? List.of() : changes;
        }
    }

    private CommitConfig() {
    }

    static ObjectNode build(Container c, ImageRecord base, LayerRecord layer, Request r) {
        ObjectNode config = (ObjectNode) base.config().deepCopy();
        String now = Instant.now().toString();
        config.put("created", now);
        config.put("container", c.id());
        config.put("parent", base.id().toString());
        text(config, "author", r.author());
        text(config, "comment", r.comment());
        ObjectNode cfg = ContainerConfigDocument.write(c.config());
        cfg.remove("Hostname");
        if (r.config() != null && r.config().isObject()) {
            cfg.setAll((ObjectNode) r.config().deepCopy());
        }
        ImageChanges.apply(r.changes(), cfg);
        config.set("config", cfg);
        ObjectNode rootfs = config.withObject("/rootfs");
        rootfs.put("type", "layers");
        rootfs.withArray("diff_ids").add(layer.diffId().toString());
        ObjectNode h = config.withArray("history").addObject().put("created", now)
                .put("created_by", String.join(" ", c.commandLine()));
        text(h, "comment", r.comment());
        text(h, "author", r.author());
        return config;
    }

    /** Sets a text field, or leaves it out (and drops the base image's) when empty, as Go's omitempty does. */
    private static void text(ObjectNode node, String field, String value) {
        if (value.isEmpty()) {
            node.remove(field);
        } else {
            node.put(field, value);
        }
    }
}
