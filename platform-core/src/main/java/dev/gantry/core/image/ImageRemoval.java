package dev.gantry.core.image;

import dev.gantry.core.EngineException;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.state.StateStore;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker rmi} and {@code image prune}: references untagged, images deleted with the layers only they used,
 * Docker's conflict rules for images under containers or several names. Called under the store's lock.
 */
final class ImageRemoval {
    private final ImageStore store;
    private final StateStore state;
    private final EventBus events;
    private final ImageCollector collector;

    ImageRemoval(ImageStore store, StateStore state, EventBus events, ImageCollector collector) {
        this.store = store;
        this.state = state;
        this.events = events;
        this.collector = collector;
    }

    /**
     * {@code docker rmi}: a reference is untagged, and the image goes with its last one; an ID removes the image
     * (with {@code force} even when several references name it). Layers no other image uses go too, unless
     * {@code noprune}. Returns Docker's {@code [{"Untagged": ...}, {"Deleted": ...}]}.
     */
    List<Map<String, String>> remove(String name, boolean force, boolean noprune) {
        ImageRecord image = store.resolve(name);
        List<Map<String, String>> report = new ArrayList<>();
        Optional<Reference> byRef = refNamed(name, image);
        // repo digests go with the last tag, as in Docker: only other tags keep an image alive
        long tags = image.refs().stream().filter(r -> r.tag().isPresent()).count();
        if (byRef.isPresent() && byRef.get().tag().isPresent() && tags > 1) {
            untag(byRef.get(), image, report);
            return report;
        }
        if (byRef.isEmpty() && tags > 1 && !force) {
            throw new ImageConflictException("conflict: unable to delete " + image.id().shortId()
                    + " (must be forced) - image is referenced in multiple repositories");
        }
        Optional<String> user = store.user(image.id().toString());
        if (user.isPresent()) {
            if (!force || byRef.isEmpty()) {
                String what = byRef.isPresent() ? "unable to remove repository reference \"" + name + "\" (must force)"
                        : "unable to delete " + image.id().shortId() + " (must be forced)";
                throw new ImageConflictException("conflict: " + what + " - container " + user.get().substring(0, 12)
                        + " is using its referenced image " + image.id().shortId());
            }
            // forced: the name goes, the image stays for the container that runs from it, as in Docker
            untag(byRef.get(), image, report);
            return report;
        }
        for (Reference r : image.refs()) {
            untag(r, image, report);
        }
        deleteImage(image, noprune, report);
        return report;
    }

    private static Optional<Reference> refNamed(String name, ImageRecord image) {
        try {
            String full = Reference.parse(name).toString();
            return image.refs().stream().filter(r -> r.toString().equals(full)).findFirst();
        } catch (IllegalArgumentException | EngineException e) {
            return Optional.empty();
        }
    }

    private void untag(Reference r, ImageRecord image, List<Map<String, String>> report) {
        state.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM image_refs WHERE ref = ?")) {
                ps.setString(1, r.toString());
                ps.executeUpdate();
            }
            return null;
        });
        store.indexChanged();
        report.add(Map.of("Untagged", r.familiar()));
        events.publish(Event.now("image", "untag", image.id().toString(), Map.of("name", r.familiar())));
    }

    /** Deletes the image and, unless {@code noprune}, the layers only it used; returns those layers' bytes. */
    private long deleteImage(ImageRecord image, boolean noprune, List<Map<String, String>> report) {
        long freed = 0;
        state.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM images WHERE id = ?")) {
                ps.setString(1, image.id().toString());
                ps.executeUpdate();
            }
            return null;
        });
        store.indexChanged();
        report.add(Map.of("Deleted", image.id().toString()));
        events.publish(Event.now("image", "delete", image.id().toString(), Map.of("name", image.id().toString())));
        if (!noprune) {
            for (int i = image.layers().size() - 1; i >= 0; i--) {
                LayerRecord l = image.layers().get(i);
                if (collector.releaseLayer(l)) {
                    report.add(Map.of("Deleted", l.chainId().toString()));
                    freed += l.size();
                }
            }
        }
        collector.collectBlobs();
        return freed;
    }

    /** Removes those of {@code layers} (a chain, base first) that no image and no other layer uses. */
    void discardLayers(List<LayerRecord> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            collector.releaseLayer(layers.get(i));
        }
    }

    /**
     * Removes the unused images {@code selects} takes (only dangling ones with {@code danglingOnly}); the space
     * reclaimed is that of the layers that went with them, as dockerd counts it.
     */
    ImageStore.PruneReport prune(boolean danglingOnly, java.util.function.Predicate<ImageRecord> selects) {
        List<Map<String, String>> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (ImageRecord image : store.list()) {
            if (danglingOnly && !image.refs().isEmpty() || store.user(image.id().toString()).isPresent()
                    || !selects.test(image)) {
                continue;
            }
            for (Reference r : image.refs()) {
                untag(r, image, deleted);
            }
            reclaimed += deleteImage(image, false, deleted);
        }
        return new ImageStore.PruneReport(deleted, reclaimed);
    }
}
