package dev.gantry.core.image;

import dev.gantry.core.content.Digest;
import dev.gantry.core.state.StateStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What pushes learnt: the gzip digests of layers stored uncompressed, and which repositories hold which blobs. */
final class PushRecords {
    private final StateStore state;

    PushRecords(StateStore state) {
        this.state = state;
    }

    /**
     * Remembers what a push compressed a layer to. Only the digest is kept, not the bytes (as dockerd does): a
     * later push mounts or finds the blob by it, and compresses again only for a registry that lacks it.
     */
    void compressedCopy(Digest diffId, ImageStore.CompressedCopy copy) {
        state.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO compressed_layers VALUES (?, ?, ?)")) {
                ps.setString(1, diffId.toString());
                ps.setString(2, copy.blob().toString());
                ps.setLong(3, copy.size());
                ps.executeUpdate();
            }
            return null;
        });
    }

    Optional<ImageStore.CompressedCopy> compressedCopy(Digest diffId) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT blob, size FROM compressed_layers WHERE diff_id = ?")) {
                ps.setString(1, diffId.toString());
                ResultSet rs = ps.executeQuery();
                return rs.next() ? Optional.of(new ImageStore.CompressedCopy(Digest.parse(rs.getString(1)), rs.getLong(2)))
                        : Optional.<ImageStore.CompressedCopy>empty();
            }
        });
    }

    /** Remembers that a registry repository holds a blob, so a push elsewhere on it can mount instead of upload. */
    void blobSeen(Digest blob, String registry, String repository) {
        state.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO blob_sources VALUES (?, ?, ?)")) {
                ps.setString(1, blob.toString());
                ps.setString(2, registry);
                ps.setString(3, repository);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Repositories of {@code registry} known to hold {@code blob}. */
    List<String> blobSources(Digest blob, String registry) {
        return state.read(c -> {
            List<String> repos = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT repository FROM blob_sources WHERE blob = ? AND registry = ?")) {
                ps.setString(1, blob.toString());
                ps.setString(2, registry);
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    repos.add(rs.getString(1));
                }
            }
            return repos;
        });
    }
}
