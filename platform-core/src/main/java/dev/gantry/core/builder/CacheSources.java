package dev.gantry.core.builder;

import dev.gantry.core.content.Digest;
import dev.gantry.core.image.ImageConfig;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.image.LayerRecord;
import dev.gantry.core.image.RunConfig;
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
    Optional<ImageRecord> answer(Optional<ImageRecord> parent, String createdBy, RunConfig config) throws IOException {
        int at = parent.map(p -> p.config().history().size()).orElse(0);
        for (ImageRecord target : sources) {
            List<ImageConfig.History> history = target.config().history();
            if (!prefixOf(parent, target) || history.size() <= at || !history.get(at).createdBy().equals(createdBy)) {
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
        List<ImageConfig.History> history = target.config().history();
        if (history.isEmpty()) {
            return false;
        }
        if (parent.isEmpty()) {
            return true;
        }
        List<ImageConfig.History> ph = parent.get().config().history();
        List<Digest> pd = parent.get().config().diffIds();
        List<Digest> td = target.config().diffIds();
        return ph.size() < history.size() && pd.size() <= td.size()
                && history.subList(0, ph.size()).equals(ph) && td.subList(0, pd.size()).equals(pd);
    }

    private Optional<ImageRecord> restore(Optional<ImageRecord> parent, ImageRecord target, int at, RunConfig config)
            throws IOException {
        ImageConfig source = target.config();
        ImageConfig.History entry = source.history().get(at);
        ImageConfig base = parent.map(ImageRecord::config).orElseGet(ImageConfig::scratch);
        ImageConfig image = base.withPlatform(source.architecture(), source.os(), base.variant())
                .withOrigin(source.author(), base.comment(), base.parent(), base.container()).withConfig(config);
        image = entry.created().map(image::withCreated).orElse(image);
        List<LayerRecord> layers = new ArrayList<>(parent.map(ImageRecord::layers).orElse(List.of()));
        Optional<Digest> layer = Optional.empty();
        if (!entry.emptyLayer()) {
            int index = (int) source.history().subList(0, at).stream().filter(h -> !h.emptyLayer()).count();
            if (index != layers.size() || index >= target.layers().size()) {
                return Optional.empty();
            }
            LayerRecord l = target.layers().get(index);
            layers.add(l);
            layer = Optional.of(l.diffId());
        }
        return Optional.of(images.addImage(image.plus(entry, layer), layers, List.of(), "build"));
    }
}
