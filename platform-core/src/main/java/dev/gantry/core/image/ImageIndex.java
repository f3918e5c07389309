package dev.gantry.core.image;

import dev.gantry.core.EngineException;
import dev.gantry.core.content.ContentStore;
import dev.gantry.core.content.Digest;
import dev.gantry.core.state.StateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images in memory, so that listing and finding them reads no rows and parses no blobs. The rows stay the
 * truth: the index is loaded from them at start and re-read after every change the store makes (two queries for
 * the image list and the references; an image's config, layers and creation never change, so each is loaded
 * once). Readers get an immutable snapshot and take no lock.
 */
final class ImageIndex {
    /** What an image is apart from its references: fixed for its ID. */
    private final Map<Digest, ImageRecord> content = new HashMap<>();
    private final ContentStore blobs;
    private final StateStore state;
    private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of(), Map.of());

    /** Newest first, as {@code docker images} lists them; references by their full text. */
    private record Snapshot(List<ImageRecord> images, Map<Digest, ImageRecord> byId, Map<String, Digest> refs) {
    }

    ImageIndex(ContentStore blobs, StateStore state) {
        this.blobs = blobs;
        this.state = state;
    }

    List<ImageRecord> list() {
        return snapshot.images();
    }

    int count() {
        return snapshot.images().size();
    }

    /** By reference, full ID or unique ID prefix, with the rules {@code ImageRows} used on the rows. */
    Optional<ImageRecord> find(String name) {
        Snapshot s = snapshot;
        if (Digest.isDigest(name)) {
            ImageRecord byId = s.byId().get(Digest.parse(name));
            if (byId != null) {
                return Optional.of(byId);
            }
        }
        try {
            Digest target = s.refs().get(Reference.parse(name).toString());
            if (target != null) {
                return Optional.ofNullable(s.byId().get(target));
            }
        } catch (IllegalArgumentException | EngineException notAReference) {
            // maybe an ID prefix
        }
        if (name.matches("[0-9a-f]{1,64}")) {
            ImageRecord found = null;
            for (ImageRecord i : s.images()) {
                if (i.id().hex().startsWith(name)) {
                    if (found != null) {
                        return Optional.empty();
                    }
                    found = i;
                }
            }
            return Optional.ofNullable(found);
        }
        return Optional.empty();
    }

    /** Re-reads the image list and the references; called by the store after each change, under its lock. */
    synchronized void reload() {
        snapshot = state.read(this::read);
    }

    private Snapshot read(Connection c) throws SQLException {
        Map<Digest, List<Reference>> refsOf = new HashMap<>();
        Map<String, Digest> refs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ref, image_id FROM image_refs ORDER BY created, ref")) {
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                Digest id = Digest.parse(rs.getString(2));
                Reference ref = Reference.parse(rs.getString(1));
                refs.put(ref.toString(), id);
                refsOf.computeIfAbsent(id, k -> new ArrayList<>()).add(ref);
            }
        }
        List<ImageRecord> images = new ArrayList<>();
        Map<Digest, ImageRecord> byId = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM images ORDER BY created DESC")) {
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                Digest id = Digest.parse(rs.getString(1));
                ImageRecord fixed = content.get(id);
                if (fixed == null) {
                    fixed = ImageRows.load(c, blobs, id);
                    content.put(id, fixed);
                }
                ImageRecord image = new ImageRecord(id, fixed.config(), fixed.layers(),
                        List.copyOf(refsOf.getOrDefault(id, List.of())), fixed.created());
                images.add(image);
                byId.put(id, image);
            }
        }
        content.keySet().retainAll(byId.keySet());
        return new Snapshot(List.copyOf(images), Map.copyOf(byId), Map.copyOf(refs));
    }
}
