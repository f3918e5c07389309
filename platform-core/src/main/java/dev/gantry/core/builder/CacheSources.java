package dev.gantry.core.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.image.LayerRecord;
import dev.gantry.core.state.Documents;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images a build names with {@code --cache-from}, which answer for steps the local cache does not know, by the
 * legacy builder's rule: an image answers a step when the parent's history and layers are a prefix of its own and
 * its next history entry was made by the same instruction. Images carry no parent chain, so the step's image is
 * rebuilt from the parent plus that entry and its layer; after a first answer only that image is asked, so one
 * build never mixes the steps of two sources.
 */
final class CacheSources {
    private final ImageStore images;
    private List<ImageRecord> sources;

    CacheSources(ImageStore images, List<String> names) {
        this.images = images;
        // names that are not here are skipped, as dockerd does: cache-from never pulls
        this.sources = names.stream().map(images::find).flatMap(Optional::stream).toList();
    }

    boolean isEmpty() {
        return sources.isEmpty();
    }

    /** The step's image from a source, made from {@code parent} (none after {@code FROM scratch}) if needed. */
    Optional<ImageRecord> answer(Optional<ImageRecord> parent, String createdBy, ObjectNode config) throws IOException {
        int at = parent.map(p -> p.config().path("history").size()).orElse(0);
        for (ImageRecord target : sources) {
            JsonNode history = target.config().path("history");
            if (!prefixOf(parent, target) || history.size() <= at || !history.get(at).path("created_by").asText().equals(createdBy)) {
                continue;
            }
            Optional<ImageRecord> found = history.size() == at + 1 ? Optional.of(target) : restore(parent, target, at, config);
            if (found.isPresent()) {
                sources = List.of(target);
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean prefixOf(Optional<ImageRecord> parent, ImageRecord target) {
        JsonNode history = target.config().path("history");
        if (history.isEmpty()) {
            return false;
        }
        if (parent.isEmpty()) {
            return true;
        }
        JsonNode ph = parent.get().config().path("history");
        JsonNode pd = diffIds(parent.get());
        JsonNode td = diffIds(target);
        if (ph.size() >= history.size() || pd.size() > td.size()) {
            return false;
        }
        for (int i = 0; i < ph.size(); i++) {
            if (!ph.get(i).equals(history.get(i))) {
                return false;
            }
        }
        for (int i = 0; i < pd.size(); i++) {
            if (!pd.get(i).equals(td.get(i))) {
                return false;
            }
        }
        return true;
    }

    private Optional<ImageRecord> restore(Optional<ImageRecord> parent, ImageRecord target, int at, ObjectNode config) throws IOException {
        JsonNode entry = target.config().path("history").get(at);
        ObjectNode image = parent.map(p -> (ObjectNode) p.config().deepCopy()).orElseGet(ImageBuilder::scratchConfig);
        image.put("architecture", target.config().path("architecture").asText("amd64"));
        image.put("os", target.config().path("os").asText("linux"));
        image.remove("author");
        if (target.config().hasNonNull("author")) {
            image.set("author", target.config().get("author"));
        }
        image.set("created", entry.path("created"));
        image.set("config", config.deepCopy());
        image.withArray("history").add(entry.deepCopy());
        List<LayerRecord> layers = new ArrayList<>(parent.map(ImageRecord::layers).orElse(List.of()));
        if (!entry.path("empty_layer").asBoolean(false)) {
            int index = 0;
            for (int i = 0; i < at; i++) {
                if (!target.config().path("history").get(i).path("empty_layer").asBoolean(false)) {
                    index++;
                }
            }
            if (index != layers.size() || index >= target.layers().size()) {
                return Optional.empty();
            }
            LayerRecord layer = target.layers().get(index);
            layers.add(layer);
            image.withObject("/rootfs").withArray("diff_ids").add(layer.diffId().toString());
        }
        return Optional.of(images.addImage(Documents.MAPPER.writeValueAsBytes(image), layers, List.of(), "build"));
    }

    private static JsonNode diffIds(ImageRecord image) {
        return image.config().path("rootfs").path("diff_ids");
    }
}
