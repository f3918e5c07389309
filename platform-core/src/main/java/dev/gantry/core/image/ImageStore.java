package dev.gantry.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.content.ContentStore;
import dev.gantry.core.content.Digest;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.layer.Compression;
import dev.gantry.core.layer.LayerApplier;
import dev.gantry.core.layer.WritableDir;
import dev.gantry.core.state.StateStore;
import dev.gantry.spi.storage.SnapshotInfo;
import dev.gantry.spi.storage.SnapshotKind;
import dev.gantry.spi.storage.StorageDriver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Images and their layers: layers are committed snapshots of the storage driver (key = chainID) applied from
 * blobs of the content store; images are rows naming a config blob and their layers; references are rows
 * naming images.
 *
 * <p>Consistency: a layer is applied into a fresh active snapshot and only committed and recorded once its
 * diffID checks out; an image row is written after all its layers, in one transaction with its references. So a
 * crash or failure leaves at most unreferenced layers and blobs, which {@link #reconcile()} removes at start.
 */
public final class ImageStore {
    private static final Logger LOG = Logger.getLogger(ImageStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXTRACT_PREFIX = "extract-";

    private final ContentStore content;
    private final StateStore state;
    private final StorageDriver storage;
    private final EventBus events;
    private final Tracer tracer;
    private final LayerApplier applier;
    private final ImageMetrics metrics;

    public ImageStore(ContentStore content, StateStore state, StorageDriver storage, EventBus events, Tracer tracer,
                      LayerApplier applier, ImageMetrics metrics) {
        this.metrics = metrics;
        this.content = content;
        this.state = state;
        this.storage = storage;
        this.events = events;
        this.tracer = tracer;
        this.applier = applier;
    }

    public ContentStore content() {
        return content;
    }

    public StorageDriver storage() {
        return storage;
    }

    public ImageMetrics metrics() {
        return metrics;
    }

    // ---- queries

    public synchronized List<ImageRecord> list() {
        return state.read(c -> {
            List<ImageRecord> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM images ORDER BY created DESC")) {
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    all.add(load(c, Digest.parse(rs.getString(1))));
                }
            }
            return all;
        });
    }

    /** How many images there are, without loading them (for {@code docker info}). */
    public synchronized int count() {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM images")) {
                ResultSet rs = ps.executeQuery();
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** By reference ({@code busybox}, {@code busybox:1}, {@code repo@sha256:..}), full ID, or unique ID prefix. */
    public synchronized Optional<ImageRecord> find(String name) {
        return state.read(c -> findIn(c, name));
    }

    public ImageRecord resolve(String name) {
        return find(name).orElseThrow(() -> new ImageNotFoundException(shown(name)));
    }

    /** How Docker names a missing image in its error: references in familiar form with their tag. */
    private static String shown(String name) {
        if (Digest.isDigest(name) || name.matches("[0-9a-f]{1,64}")) {
            return name;
        }
        try {
            return Reference.parse(name).familiar();
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    private Optional<ImageRecord> findIn(Connection c, String name) throws SQLException {
        Optional<Digest> id = Optional.empty();
        if (Digest.isDigest(name)) {
            id = exists(c, name) ? Optional.of(Digest.parse(name)) : Optional.empty();
        }
        if (id.isEmpty()) {
            try {
                Reference ref = Reference.parse(name);
                id = refTarget(c, ref.toString());
            } catch (IllegalArgumentException notAReference) {
                // maybe an ID prefix
            }
        }
        if (id.isEmpty() && name.matches("[0-9a-f]{1,64}")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM images WHERE id LIKE ?")) {
                ps.setString(1, "sha256:" + name + "%");
                ResultSet rs = ps.executeQuery();
                if (rs.next()) {
                    Digest first = Digest.parse(rs.getString(1));
                    if (!rs.next()) {
                        id = Optional.of(first);
                    }
                }
            }
        }
        return id.isPresent() ? Optional.of(load(c, id.get())) : Optional.empty();
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM images WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeQuery().next();
        }
    }

    private static Optional<Digest> refTarget(Connection c, String ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT image_id FROM image_refs WHERE ref = ?")) {
            ps.setString(1, ref);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(Digest.parse(rs.getString(1))) : Optional.empty();
        }
    }

    private ImageRecord load(Connection c, Digest id) throws SQLException {
        List<LayerRecord> layers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT l.chain_id, l.diff_id, l.parent, l.blob, l.blob_media_type, l.size
                FROM image_layers il JOIN layers l ON l.chain_id = il.chain_id
                WHERE il.image_id = ? ORDER BY il.position""")) {
            ps.setString(1, id.toString());
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                layers.add(layer(rs));
            }
        }
        List<Reference> refs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ref FROM image_refs WHERE image_id = ? ORDER BY created, ref")) {
            ps.setString(1, id.toString());
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                refs.add(Reference.parse(rs.getString(1)));
            }
        }
        Instant created;
        try (PreparedStatement ps = c.prepareStatement("SELECT created FROM images WHERE id = ?")) {
            ps.setString(1, id.toString());
            ResultSet rs = ps.executeQuery();
            rs.next();
            created = Instant.ofEpochMilli(rs.getLong(1));
        }
        try {
            return new ImageRecord(id, JSON.readTree(content.read(id)), layers, refs, created);
        } catch (IOException e) {
            throw new UncheckedIOException("config blob of " + id + " is unreadable", e);
        }
    }

    private static LayerRecord layer(ResultSet rs) throws SQLException {
        return new LayerRecord(Digest.parse(rs.getString(1)), Digest.parse(rs.getString(2)),
                Optional.ofNullable(rs.getString(3)).map(Digest::parse), Optional.ofNullable(rs.getString(4)).map(Digest::parse),
                rs.getString(5), rs.getLong(6));
    }

    public synchronized Optional<LayerRecord> layer(Digest chainId) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT chain_id, diff_id, parent, blob, blob_media_type, size FROM layers WHERE chain_id = ?")) {
                ps.setString(1, chainId.toString());
                ResultSet rs = ps.executeQuery();
                return rs.next() ? Optional.of(layer(rs)) : Optional.empty();
            }
        });
    }

    // ---- layers

    /**
     * Makes the layer that {@code blob} (a layer tar, compressed or not, in the content store) gives on top of
     * {@code parent}, unless it exists. With {@code expectedDiffId} (from the image config), a blob that unpacks
     * to anything else is refused and leaves nothing.
     */
    public LayerRecord addLayer(Optional<LayerRecord> parent, Digest blob, String mediaType, Optional<Digest> expectedDiffId)
            throws IOException {
        return addLayer(parent, blob, mediaType, expectedDiffId, new LayerSource() {
            @Override
            public InputStream open() throws IOException {
                return content.open(blob);
            }

            @Override
            public void awaitStored() {
            }
        });
    }

    /** Where a layer's bytes come from while it is unpacked, and when its blob is stored. */
    public interface LayerSource {
        InputStream open() throws IOException;

        /** Returns once the blob is in the content store, or throws why it never will be. */
        void awaitStored() throws IOException;
    }

    /**
     * Unpacks a layer from {@code source}, which may give the blob's bytes before the blob is stored (a pull
     * unpacks while the blob is fsynced); the layer is recorded only after {@link LayerSource#awaitStored()}, so
     * no record ever names a blob that is not there.
     */
    public LayerRecord addLayer(Optional<LayerRecord> parent, Digest blob, String mediaType, Optional<Digest> expectedDiffId,
                                LayerSource source) throws IOException {
        Optional<Digest> parentChain = parent.map(LayerRecord::chainId);
        if (expectedDiffId.isPresent()) {
            Optional<LayerRecord> known = layer(LayerRecord.chain(parentChain, expectedDiffId.get()));
            if (known.isPresent()) {
                return known.get();
            }
        }
        Span span = tracer.spanBuilder("layer.extract").setAttribute("gantry.layer.blob", blob.toString()).startSpan();
        String key = EXTRACT_PREFIX + UUID.randomUUID();
        try (Scope ignored = span.makeCurrent(); InputStream in = source.open()) {
            var applied = applier.apply(in, WritableDir.of(storage.prepare(key, parentChain.map(Digest::toString))),
                    storage.deletionStyle());
            if (expectedDiffId.isPresent() && !expectedDiffId.get().equals(applied.diffId())) {
                throw new IOException("layer " + blob + " unpacks to diffID " + applied.diffId() + ", but the image says "
                        + expectedDiffId.get());
            }
            Digest chain = LayerRecord.chain(parentChain, applied.diffId());
            span.setAttribute("gantry.layer.chain_id", chain.toString()).setAttribute("gantry.layer.size", applied.size());
            source.awaitStored();
            synchronized (this) {
                if (storage.stat(chain.toString()).isPresent()) {
                    storage.remove(key);
                } else {
                    storage.commit(chain.toString(), key);
                }
                LayerRecord record = new LayerRecord(chain, applied.diffId(), parentChain, Optional.of(blob), mediaType, applied.size());
                state.transaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT OR IGNORE INTO layers VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                        ps.setString(1, chain.toString());
                        ps.setString(2, applied.diffId().toString());
                        ps.setString(3, parentChain.map(Digest::toString).orElse(null));
                        ps.setString(4, blob.toString());
                        ps.setString(5, mediaType);
                        ps.setLong(6, applied.size());
                        ps.setLong(7, System.currentTimeMillis());
                        ps.executeUpdate();
                    }
                    return null;
                });
                return layer(chain).orElse(record);
            }
        } catch (IOException | RuntimeException e) {
            removeQuietly(key);
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** The gzip blob a push made of an uncompressed layer: its digest and size, as a manifest lists them. */
    public record CompressedCopy(Digest blob, long size) {
    }

    /**
     * Remembers what a push compressed a layer to. Only the digest is kept, not the bytes (as dockerd does): a
     * later push mounts or finds the blob by it, and compresses again only for a registry that lacks it.
     */
    public void compressedCopy(Digest diffId, CompressedCopy copy) {
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

    public Optional<CompressedCopy> compressedCopy(Digest diffId) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT blob, size FROM compressed_layers WHERE diff_id = ?")) {
                ps.setString(1, diffId.toString());
                ResultSet rs = ps.executeQuery();
                return rs.next() ? Optional.of(new CompressedCopy(Digest.parse(rs.getString(1)), rs.getLong(2)))
                        : Optional.<CompressedCopy>empty();
            }
        });
    }

    /** Remembers that a registry repository holds a blob, so a push elsewhere on it can mount instead of upload. */
    public void blobSeen(Digest blob, String registry, String repository) {
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
    public List<String> blobSources(Digest blob, String registry) {
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

    /** Adds a reference to an image without an event (a repo digest learnt from a registry). */
    public synchronized void addReference(Digest image, Reference ref) {
        state.transaction(c -> {
            putRef(c, ref, image);
            return null;
        });
    }

    /** The layer's tar, uncompressed: what {@code docker save} writes and what its diffID is the digest of. */
    public InputStream layerTar(LayerRecord layer) throws IOException {
        Digest blob = layer.blob().orElseThrow(() -> new IOException("layer " + layer.chainId() + " has no blob"));
        return Compression.decompressed(content.open(blob));
    }

    // ---- images

    /**
     * Records an image from its config blob (stored here) and its layers, and points {@code refs} at it (taking
     * them from any image they named before). Emits {@code action} and {@code tag} events.
     */
    public synchronized ImageRecord addImage(byte[] config, List<LayerRecord> layers, List<Reference> refs, String action)
            throws IOException {
        Digest id = content.write(config);
        JsonNode parsed = JSON.readTree(config);
        JsonNode diffIds = parsed.path("rootfs").path("diff_ids");
        if (diffIds.size() != layers.size()) {
            throw new IOException("image config lists " + diffIds.size() + " layers, " + layers.size() + " were given");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!diffIds.get(i).asText().equals(layers.get(i).diffId().toString())) {
                throw new IOException("layer " + i + " of " + id + " is " + layers.get(i).diffId() + ", the config says "
                        + diffIds.get(i).asText());
            }
        }
        state.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO images VALUES (?, ?, ?)")) {
                ps.setString(1, id.toString());
                ps.setString(2, layers.isEmpty() ? null : layers.get(layers.size() - 1).chainId().toString());
                ps.setLong(3, System.currentTimeMillis());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO image_layers VALUES (?, ?, ?)")) {
                for (int i = 0; i < layers.size(); i++) {
                    ps.setString(1, id.toString());
                    ps.setInt(2, i);
                    ps.setString(3, layers.get(i).chainId().toString());
                    ps.executeUpdate();
                }
            }
            for (Reference r : refs) {
                putRef(c, r, id);
            }
            return null;
        });
        Map<String, String> attrs = Map.of("name", refs.isEmpty() ? id.toString() : refs.get(0).familiar());
        events.publish(Event.now("image", action, id.toString(), attrs));
        for (Reference r : refs) {
            events.publish(Event.now("image", "tag", id.toString(), Map.of("name", r.familiar())));
        }
        return resolve(id.toString());
    }

    private static void putRef(Connection c, Reference r, Digest id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO image_refs VALUES (?, ?, ?)")) {
            ps.setString(1, r.toString());
            ps.setString(2, id.toString());
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    public synchronized void tag(String source, Reference target) {
        metrics.time("tag", () -> {
            tagIn(source, target);
            return null;
        });
    }

    private void tagIn(String source, Reference target) {
        ImageRecord image = resolve(source);
        state.transaction(c -> {
            putRef(c, target, image.id());
            return null;
        });
        events.publish(Event.now("image", "tag", image.id().toString(), Map.of("name", target.familiar())));
    }

    /**
     * {@code docker rmi}: a reference is untagged, and the image goes with its last one; an ID removes the image
     * (with {@code force} even when several references name it). Layers no other image uses go too, unless
     * {@code noprune}. Returns Docker's {@code [{"Untagged": ...}, {"Deleted": ...}]}.
     */
    public synchronized List<Map<String, String>> remove(String name, boolean force, boolean noprune) {
        return metrics.time("remove", () -> removeIn(name, force, noprune));
    }

    private List<Map<String, String>> removeIn(String name, boolean force, boolean noprune) {
        ImageRecord image = resolve(name);
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
        Optional<String> user = inUse.apply(image.id().toString());
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
        } catch (IllegalArgumentException e) {
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
        report.add(Map.of("Deleted", image.id().toString()));
        events.publish(Event.now("image", "delete", image.id().toString(), Map.of("name", image.id().toString())));
        if (!noprune) {
            for (int i = image.layers().size() - 1; i >= 0; i--) {
                LayerRecord l = image.layers().get(i);
                if (releaseLayer(l)) {
                    report.add(Map.of("Deleted", l.chainId().toString()));
                    freed += l.size();
                }
            }
        }
        collectBlobs();
        return freed;
    }

    /** Removes those of {@code layers} (a chain, base first) that no image and no other layer uses. */
    public synchronized void discardLayers(List<LayerRecord> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            releaseLayer(layers.get(i));
        }
    }

    /** Removes a layer no image and no other layer uses; true when it went. */
    private boolean releaseLayer(LayerRecord l) {
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

    /** Images without references ({@code dangling}), or every image when not only dangling ones are asked for. */
    public synchronized PruneReport prune(boolean danglingOnly) {
        return prune(danglingOnly, image -> true);
    }

    /**
     * Removes the unused images {@code selects} takes (only dangling ones with {@code danglingOnly}); the space
     * reclaimed is that of the layers that went with them, as dockerd counts it.
     */
    public synchronized PruneReport prune(boolean danglingOnly, java.util.function.Predicate<ImageRecord> selects) {
        List<Map<String, String>> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (ImageRecord image : list()) {
            if (danglingOnly && !image.refs().isEmpty() || inUse.apply(image.id().toString()).isPresent()
                    || !selects.test(image)) {
                continue;
            }
            for (Reference r : image.refs()) {
                untag(r, image, deleted);
            }
            reclaimed += deleteImage(image, false, deleted);
        }
        return new PruneReport(deleted, reclaimed);
    }

    private volatile java.util.function.Function<String, Optional<String>> inUse = id -> Optional.empty();

    /** Tells the store which container (if any) uses an image, so images under containers are kept. */
    public void inUse(java.util.function.Function<String, Optional<String>> containerUsing) {
        this.inUse = containerUsing;
    }

    /** The container (if any) that uses the image. */
    public Optional<String> user(String imageId) {
        return inUse.apply(imageId);
    }

    public record PruneReport(List<Map<String, String>> deleted, long spaceReclaimed) {
    }

    private final java.util.Map<Object, Long> leases = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Protects what an operation writes before it is referenced: while a lease is open, collection spares every
     * blob written since the oldest open lease began (containerd's leases, by time).
     */
    public Lease lease() {
        Lease lease = new Lease(leases);
        // a second of slack: file times are coarser than the clock on some filesystems
        leases.put(lease, System.currentTimeMillis() - 1000);
        return lease;
    }

    /**
     * Runs work that writes blobs under a lease; when it fails, what it wrote is collected right away, so a
     * failed pull or import leaves nothing behind.
     */
    public <T> T leased(ImageMetrics.Operation<T, IOException> work) throws IOException {
        Lease lease = lease();
        try {
            return work.run();
        } catch (IOException | RuntimeException e) {
            lease.close();
            collectBlobs();
            throw e;
        } finally {
            lease.close();
        }
    }

    /** An open lease; closing it lets collection take what it protected. */
    public static final class Lease implements AutoCloseable {
        private final java.util.Map<Object, Long> leases;

        private Lease(java.util.Map<Object, Long> leases) {
            this.leases = leases;
        }

        @Override
        public void close() {
            leases.remove(this);
        }
    }

    /** Deletes blobs that no image (config) and no layer (blob) names, sparing those under an open lease. */
    public synchronized void collectBlobs() {
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
    public synchronized void reconcile() {
        List<SnapshotInfo> snapshots = new ArrayList<>();
        storage.walk(snapshots::add);
        for (SnapshotInfo s : snapshots) {
            if (s.key().startsWith(EXTRACT_PREFIX)) {
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
                        l.add(layer(rs));
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

    private void removeQuietly(String key) {
        try {
            storage.remove(key);
        } catch (RuntimeException e) {
            LOG.warning("could not remove snapshot " + key + ": " + e.getMessage());
        }
    }

    /** Layer row count and blob count, for checks after failures. */
    public synchronized int layerCount() {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM layers")) {
                ResultSet rs = ps.executeQuery();
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
