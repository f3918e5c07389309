package dev.gantry.core.image;

import dev.gantry.core.EngineException;
import dev.gantry.core.content.ContentStore;
import dev.gantry.core.content.Digest;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.layer.Compression;
import dev.gantry.core.layer.LayerApplier;
import dev.gantry.core.layer.WritableDir;
import dev.gantry.core.state.StateStore;
import dev.gantry.spi.storage.StorageDriver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    static final String EXTRACT_PREFIX = "extract-";

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
        this.collector = new ImageCollector(content, state, storage, this);
        this.removal = new ImageRemoval(this, state, events, collector);
        this.pushes = new PushRecords(state);
        this.index = new ImageIndex(content, state);
        this.usage = new LayerUsage(state, storage);
        index.reload();
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

    /** Every image, newest first: from memory (see {@link ImageIndex}), without the store's lock. */
    public List<ImageRecord> list() {
        return index.list();
    }

    /** How many images there are (for {@code docker info}). */
    public int count() {
        return index.count();
    }

    /** By reference ({@code busybox}, {@code busybox:1}, {@code repo@sha256:..}), full ID, or unique ID prefix. */
    public Optional<ImageRecord> find(String name) {
        return index.find(name);
    }

    /** Bytes the layers take on disk ({@code docker system df}), from what was measured when each was committed. */
    public long layersDiskUsage() {
        return usage.total();
    }

    /** After every change to images or references: the index re-reads them, so it never disagrees with the rows. */
    synchronized void indexChanged() {
        index.reload();
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
        } catch (IllegalArgumentException | EngineException e) {
            return name;
        }
    }

    public synchronized Optional<LayerRecord> layer(Digest chainId) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT chain_id, diff_id, parent, blob, blob_media_type, size FROM layers WHERE chain_id = ?")) {
                ps.setString(1, chainId.toString());
                ResultSet rs = ps.executeQuery();
                return rs.next() ? Optional.of(ImageRows.layer(rs)) : Optional.empty();
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
                // the one walk of the layer's tree: system/df adds up what is stored here
                long diskUsage = usage.measure(chain.toString());
                LayerRecord record = new LayerRecord(chain, applied.diffId(), parentChain, Optional.of(blob), mediaType, applied.size());
                state.transaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT OR IGNORE INTO layers (chain_id, diff_id, parent, blob, blob_media_type, size, created,"
                                    + " disk_usage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                        ps.setString(1, chain.toString());
                        ps.setString(2, applied.diffId().toString());
                        ps.setString(3, parentChain.map(Digest::toString).orElse(null));
                        ps.setString(4, blob.toString());
                        ps.setString(5, mediaType);
                        ps.setLong(6, applied.size());
                        ps.setLong(7, System.currentTimeMillis());
                        ps.setLong(8, diskUsage);
                        ps.executeUpdate();
                    }
                    return null;
                });
                return layer(chain).orElse(record);
            }
        } catch (IOException | RuntimeException e) {
            collector.removeQuietly(key);
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** The gzip blob a push made of an uncompressed layer: its digest and size, as a manifest lists them. */
    public record CompressedCopy(Digest blob, long size) {
    }

    /** Adds a reference to an image without an event (a repo digest learnt from a registry). */
    public synchronized void addReference(Digest image, Reference ref) {
        state.transaction(c -> {
            putRef(c, ref, image);
            return null;
        });
        index.reload();
    }

    /** The layer's tar, uncompressed: what {@code docker save} writes and what its diffID is the digest of. */
    public InputStream layerTar(LayerRecord layer) throws IOException {
        Digest blob = layer.blob().orElseThrow(() -> new IOException("layer " + layer.chainId() + " has no blob"));
        return Compression.decompressed(content.open(blob));
    }

    // ---- images

    /** Records a new image whose config is made here: encoded once, its bytes are the blob its ID names. */
    public ImageRecord addImage(ImageConfig config, List<LayerRecord> layers, List<Reference> refs, String action)
            throws IOException {
        return addImage(ImageConfigCodec.encode(config), layers, refs, action);
    }

    /**
     * Records an image from its config blob (stored here) and its layers, and points {@code refs} at it (taking
     * them from any image they named before). Emits {@code action} and {@code tag} events.
     */
    public synchronized ImageRecord addImage(byte[] config, List<LayerRecord> layers, List<Reference> refs, String action)
            throws IOException {
        List<Digest> diffIds = ImageConfigCodec.decode(config).diffIds();
        if (diffIds.size() != layers.size()) {
            throw new IOException("image config lists " + diffIds.size() + " layers, " + layers.size() + " were given");
        }
        Digest id = content.write(config);
        for (int i = 0; i < layers.size(); i++) {
            if (!diffIds.get(i).equals(layers.get(i).diffId())) {
                throw new IOException("layer " + i + " of " + id + " is " + layers.get(i).diffId() + ", the config says "
                        + diffIds.get(i));
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
        index.reload();
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
        index.reload();
        events.publish(Event.now("image", "tag", image.id().toString(), Map.of("name", target.familiar())));
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

    private final ImageCollector collector;
    private final ImageRemoval removal;
    private final PushRecords pushes;
    private final ImageIndex index;
    private final LayerUsage usage;

    /**
     * Remembers what a push compressed a layer to. Only the digest is kept, not the bytes (as dockerd does): a
     * later push mounts or finds the blob by it, and compresses again only for a registry that lacks it.
     */
    public void compressedCopy(Digest diffId, CompressedCopy copy) {
        pushes.compressedCopy(diffId, copy);
    }

    public Optional<CompressedCopy> compressedCopy(Digest diffId) {
        return pushes.compressedCopy(diffId);
    }

    /** Remembers that a registry repository holds a blob, so a push elsewhere on it can mount instead of upload. */
    public void blobSeen(Digest blob, String registry, String repository) {
        pushes.blobSeen(blob, registry, repository);
    }

    /** Repositories of {@code registry} known to hold {@code blob}. */
    public List<String> blobSources(Digest blob, String registry) {
        return pushes.blobSources(blob, registry);
    }

    /**
     * {@code docker rmi}: a reference is untagged, and the image goes with its last one; an ID removes the image
     * (with {@code force} even when several references name it). Layers no other image uses go too, unless
     * {@code noprune}. Returns Docker's {@code [{"Untagged": ...}, {"Deleted": ...}]}.
     */
    public synchronized List<Map<String, String>> remove(String name, boolean force, boolean noprune) {
        return metrics.time("remove", () -> removal.remove(name, force, noprune));
    }

    /** Removes those of {@code layers} (a chain, base first) that no image and no other layer uses. */
    public synchronized void discardLayers(List<LayerRecord> layers) {
        removal.discardLayers(layers);
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
        return removal.prune(danglingOnly, selects);
    }

    /**
     * Protects what an operation writes before it is referenced: while a lease is open, collection spares every
     * blob written since the oldest open lease began (containerd's leases, by time).
     */
    public Lease lease() {
        return collector.lease();
    }

    /**
     * Runs work that writes blobs under a lease; when it fails, what it wrote is collected right away, so a
     * failed pull or import leaves nothing behind.
     */
    public <T> T leased(ImageMetrics.Operation<T, IOException> work) throws IOException {
        return collector.leased(work);
    }

    /** An open lease; closing it lets collection take what it protected. */
    public static final class Lease implements AutoCloseable {
        private final java.util.Map<Object, Long> leases;

        Lease(java.util.Map<Object, Long> leases) {
            this.leases = leases;
        }

        @Override
        public void close() {
            leases.remove(this);
        }
    }

    /** Deletes blobs that no image (config) and no layer (blob) names, sparing those under an open lease. */
    public synchronized void collectBlobs() {
        collector.collectBlobs();
    }

    /**
     * At start: drops what an interrupted operation left: extraction snapshots, layers no image uses, snapshots
     * without a layer row, and unreferenced blobs.
     */
    public synchronized void reconcile() {
        collector.reconcile();
    }

    /** Layer row count and blob count, for checks after failures. */
    public synchronized int layerCount() {
        return collector.layerCount();
    }
}
