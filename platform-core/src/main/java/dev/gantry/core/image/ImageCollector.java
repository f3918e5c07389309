package dev.gantry.core.image;

import dev.gantry.core.content.ContentStore;
import dev.gantry.core.content.Digest;
import dev.gantry.core.state.StateStore;
import dev.gantry.spi.storage.SnapshotInfo;
import dev.gantry.spi.storage.SnapshotKind;
import dev.gantry.spi.storage.StorageDriver;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Collection for the image store: layers no image uses, snapshots without a layer, blobs nothing names (spared
 * while a lease protects them), and what an interrupted operation left at start. Called under the store's lock.
 */
final class ImageCollector {
    private static final Logger LOG = Logger.getLogger(ImageCollector.class.getName());
    private final ContentStore content;
    private final StateStore state;
    private final StorageDriver storage;
    private final Object lock;

    /** @param lock the store's lock, which collection holds */
    ImageCollector(ContentStore content, StateStore state, StorageDriver storage, Object lock) {
        this.lock = lock;
        this.content = content;
        this.state = state;
        this.storage = storage;
    }

    private final java.util.Map<Object, Long> leases = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Protects what an operation writes before it is referenced: while a lease is open, collection spares every
     * blob written since the oldest open lease began (containerd's leases, by time).
     */
    ImageStore.Lease lease() {
        ImageStore.Lease lease = new ImageStore.Lease(leases);
        // a second of slack: file times are coarser than the clock on some filesystems
        leases.put(lease, System.currentTimeMillis() - 1000);
        return lease;
    }

    /**
     * Runs work that writes blobs under a lease; when it fails, what it wrote is collected right away, so a
     * failed pull or import leaves nothing behind.
     */
    <T> T leased(ImageMetrics.Operation<T, IOException> work) throws IOException {
        ImageStore.Lease lease = lease();
        try {
            return work.run();
        } catch (IOException | RuntimeException e) {
            lease.close();
            synchronized (lock) {
                collectBlobs();
            }
            throw e;
        } finally {
            lease.close();
        }
    }

    /** Removes a layer no image and no other layer uses; true when it went. */
    boolean releaseLayer(LayerRecord l) {
        boolean unused = state.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT (SELECT COUNT(*) FROM image_layers WHERE chain_id = ?) + (SELECT COUNT(*) FROM layers WHERE parent = ?)""")) {
                ps.setString(1, l.chainId().toString());
                ps.setString(2, l.chainId().toString());
                ResultSet rs = ps.executeQuery();
                rs.next();
                if (rs.getInt(1) > 0) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM layers WHERE chain_id = ?")) {
                ps.setString(1, l.chainId().toString());
                ps.executeUpdate();
            }
            return true;
        });
        if (unused) {
            removeQuietly(l.chainId().toString());
        }
        return unused;
    }

    /** Deletes blobs that no image (config) and no layer (blob) names, sparing those under an open lease. */
    void collectBlobs() {
        Set<String> live = state.read(c -> {
            Set<String> s = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM images UNION SELECT blob FROM layers WHERE blob IS NOT NULL")) {
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    s.add(rs.getString(1));
                }
            }
            return s;
        });
        long cutoff = leases.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        try {
            for (Digest d : content.all()) {
                if (!live.contains(d.toString())
                        && java.nio.file.Files.getLastModifiedTime(content.path(d)).toMillis() < cutoff) {
                    content.delete(d);
                }
            }
        } catch (IOException e) {
            LOG.warning("blob collection: " + e.getMessage());
        }
    }

    /**
     * At start: drops what an interrupted operation left: extraction snapshots, layers no image uses, snapshots
     * without a layer row, and unreferenced blobs.
     */
    void reconcile() {
        List<SnapshotInfo> snapshots = new ArrayList<>();
        storage.walk(snapshots::add);
        for (SnapshotInfo s : snapshots) {
            if (s.key().startsWith(ImageStore.EXTRACT_PREFIX)) {
                removeQuietly(s.key());
            }
        }
        // unused layers, children before parents
        boolean removed = true;
        while (removed) {
            removed = false;
            List<LayerRecord> orphans = state.read(c -> {
                List<LayerRecord> l = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT chain_id, diff_id, parent, blob, blob_media_type, size FROM layers l
                        WHERE NOT EXISTS (SELECT 1 FROM image_layers il WHERE il.chain_id = l.chain_id)
                          AND NOT EXISTS (SELECT 1 FROM layers c WHERE c.parent = l.chain_id)""")) {
                    ResultSet rs = ps.executeQuery();
                    while (rs.next()) {
                        l.add(ImageRows.layer(rs));
                    }
                }
                return l;
            });
            for (LayerRecord l : orphans) {
                removed |= releaseLayer(l);
            }
        }
        Set<String> known = state.read(c -> {
            Set<String> s = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT chain_id FROM layers")) {
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    s.add(rs.getString(1));
                }
            }
            return s;
        });
        Map<String, SnapshotInfo> committed = new LinkedHashMap<>();
        storage.walk(s -> {
            if (s.kind() == SnapshotKind.COMMITTED && Digest.isDigest(s.key()) && !known.contains(s.key())) {
                committed.put(s.key(), s);
            }
        });
        // children first: a snapshot that is some other's parent waits for the next round
        while (!committed.isEmpty()) {
            Set<String> parents = new HashSet<>();
            storage.walk(s -> s.parent().ifPresent(parents::add));
            List<String> leaves = committed.keySet().stream().filter(k -> !parents.contains(k)).toList();
            if (leaves.isEmpty()) {
                break;
            }
            leaves.forEach(k -> {
                removeQuietly(k);
                committed.remove(k);
            });
        }
        collectBlobs();
    }

    void removeQuietly(String key) {
        try {
            storage.remove(key);
        } catch (RuntimeException e) {
            LOG.warning("could not remove snapshot " + key + ": " + e.getMessage());
        }
    }

    /** Layer row count and blob count, for checks after failures. */
    int layerCount() {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM layers")) {
                ResultSet rs = ps.executeQuery();
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
