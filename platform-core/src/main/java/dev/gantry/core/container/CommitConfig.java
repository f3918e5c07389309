package dev.gantry.core.container;

import dev.gantry.core.container.store.ContainerConfigDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.image.ImageChanges;
import dev.gantry.core.image.ImageConfig;
import dev.gantry.core.image.ImageConfigCodec;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.LayerRecord;
import dev.gantry.core.image.RunConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    static ImageConfig build(Container c, ImageRecord base, LayerRecord layer, Request r) {
        Instant now = Instant.now();
        ObjectNode cfg = ContainerConfigDocument.write(c.config());
        cfg.remove("Hostname");
        if (r.config() != null && r.config().isObject()) {
            cfg.setAll((ObjectNode) r.config().deepCopy());
        }
        RunConfig run = ImageChanges.apply(r.changes(), ImageConfigCodec.runConfig(cfg));
        // author and comment empty leave them out (and drop the base image's), as Go's omitempty does
        return base.config().withCreated(now).withOrigin(r.author(), r.comment(), base.id().toString(), c.id())
                .withConfig(run)
                .plus(new ImageConfig.History(Optional.of(now), String.join(" ", c.commandLine()), r.author(), r.comment(),
                        false), Optional.of(layer.diffId()));
    }
}
