package dev.gantry.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.content.ContentStore;
import dev.gantry.core.content.Digest;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.image.LayerRecord;
import dev.gantry.core.image.Reference;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * {@code docker pull}: resolves the manifest (picking linux/amd64 from an index), downloads the config and the
 * layers in parallel into the content store (each verified against its digest), applies the layers in order,
 * and records the image last. A failure at any point leaves no image; its blobs and layers are collected.
 */
public final class ImagePuller {
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;
    private final RegistryClient registries;
    private final ImageStore images;
    private final ExecutorService transfers;
    private final Tracer tracer;

    public ImagePuller(RegistryClient registries, ImageStore images, ExecutorService transfers, Tracer tracer) {
        this.registries = registries;
        this.images = images;
        this.transfers = transfers;
        this.tracer = tracer;
    }

    /** The manifest a reference names, resolved before any progress is reported so errors come back whole. */
    public record Resolved(Reference ref, RegistrySession session, Digest digest, JsonNode manifest, String mediaType,
                           long size) {
    }

    public Resolved resolve(Reference ref, Credentials credentials) throws IOException {
        try {
            return resolveIn(ref, credentials);
        } catch (RegistryException e) {
            if (e.status() != 401) {
                throw e;
            }
            // Docker answers a refused pull as not found: a 401 would make the docker CLI prompt for a login
            throw new RegistryException(404, "pull access denied for " + ref.familiarRepository()
                    + ", repository does not exist or may require 'docker login': " + e.getMessage(), e);
        }
    }

    private Resolved resolveIn(Reference ref, Credentials credentials) throws IOException {
        RegistrySession session = registries.session(ref.domain(), ref.path(), credentials, false);
        String target = ref.digest().orElse(ref.tag().orElse("latest"));
        Fetched m = manifest(session, ref, target);
        if (MediaTypes.INDEXES.contains(m.mediaType)) {
            String chosen = null;
            for (JsonNode d : m.json.path("manifests")) {
                JsonNode p = d.path("platform");
                if (p.path("os").asText().equals("linux") && p.path("architecture").asText().equals("amd64")) {
                    chosen = d.path("digest").asText();
                    break;
                }
            }
            if (chosen == null) {
                throw new RegistryException(404, "no matching manifest for linux/amd64 in the manifest list entries");
            }
            m = manifest(session, ref, chosen);
        }
        return new Resolved(ref, session, m.digest, m.json, m.mediaType, m.size);
    }

    private record Fetched(Digest digest, String mediaType, JsonNode json, long size) {
    }

    private Fetched manifest(RegistrySession session, Reference ref, String target) throws IOException {
        HttpResponse<byte[]> r = session.send(HttpRequest.newBuilder(session.uri("manifests/" + target))
                .header("Accept", MediaTypes.ACCEPT).GET(), Capped.bytes(Capped.MANIFEST));
        if (r.statusCode() == 404) {
            throw new RegistryException(404, "manifest for " + ref.familiar() + " not found: "
                    + RegistrySession.errorText(404, r.body()));
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new RegistryException(401, RegistrySession.errorText(r.statusCode(), r.body()));
        }
        if (r.statusCode() != 200) {
            throw new RegistryException(500, "error fetching manifest for " + ref.familiar() + ": "
                    + RegistrySession.errorText(r.statusCode(), r.body()));
        }
        Digest digest = Digest.of(r.body());
        if (Digest.isDigest(target) && !Digest.parse(target).equals(digest)) {
            throw new RegistryException(500, "manifest verification failed for digest " + target);
        }
        JsonNode json = JSON.readTree(r.body());
        String mediaType = r.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim())
                .filter(t -> !t.isEmpty() && !t.equals("application/json"))
                .orElse(json.path("mediaType").asText(MediaTypes.OCI_MANIFEST));
        return new Fetched(digest, mediaType, json, r.body().length);
    }

    private static RegistryException configTooLarge(Reference ref) {
        return new RegistryException(500, "the image config of " + ref.familiar() + " is larger than the limit of "
                + Capped.CONFIG + " bytes");
    }

    public ImageRecord pull(Resolved resolved, Progress progress) throws IOException {
        return images.metrics().time("pull", () -> pullTraced(resolved, progress));
    }

    private ImageRecord pullTraced(Resolved resolved, Progress progress) throws IOException {
        Span span = tracer.spanBuilder("image.pull").setAttribute("gantry.image.ref", resolved.ref().familiar()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return images.leased(() -> pullIn(resolved, progress, span));
        } catch (IOException | RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private ImageRecord pullIn(Resolved resolved, Progress progress, Span span) throws IOException {
        Reference ref = resolved.ref();
        RegistrySession session = resolved.session();
        progress.item(ref.tag().orElse(ref.digest().orElse("")), "Pulling from " + ref.familiarRepository().replaceFirst("^[^/]*\\.[^/]*/", ""), -1, -1);
        Digest configDigest = Digest.parse(resolved.manifest().path("config").path("digest").asText());
        if (resolved.manifest().path("config").path("size").asLong(0) > Capped.CONFIG) {
            throw configTooLarge(ref);
        }
        download(session, configDigest, null, null, progress, null);
        if (images.content().size(configDigest) > Capped.CONFIG) {
            throw configTooLarge(ref);
        }
        byte[] config = images.content().read(configDigest);
        JsonNode diffIds = JSON.readTree(config).path("rootfs").path("diff_ids");
        JsonNode layers = resolved.manifest().path("layers");
        if (diffIds.size() != layers.size()) {
            throw new RegistryException(500, "the manifest lists " + layers.size() + " layers, the config " + diffIds.size());
        }
        // which layers are there already, by chainID
        List<Boolean> present = new ArrayList<>();
        Optional<Digest> chain = Optional.empty();
        for (int i = 0; i < layers.size(); i++) {
            chain = Optional.of(LayerRecord.chain(chain, Digest.parse(diffIds.get(i).asText())));
            present.add(images.layer(chain.get()).isPresent());
        }
        Context context = Context.current();
        List<Future<?>> downloads = new ArrayList<>();
        List<Arriving> arrivals = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Digest blob = Digest.parse(layers.get(i).path("digest").asText());
            String id = blob.shortId();
            Arriving arriving = new Arriving();
            arrivals.add(arriving);
            if (present.get(i)) {
                progress.item(id, "Already exists", -1, -1);
                downloads.add(java.util.concurrent.CompletableFuture.completedFuture(null));
                continue;
            }
            progress.item(id, "Pulling fs layer", -1, -1);
            long size = layers.get(i).path("size").asLong(-1);
            downloads.add(transfers.submit(context.wrap(() -> {
                Span s = tracer.spanBuilder("layer.download").setAttribute("gantry.layer.blob", blob.toString()).startSpan();
                try (Scope ignored = s.makeCurrent()) {
                    download(session, blob, id, new ByteProgress(progress, id, "Downloading", size), progress, arriving);
                    progress.item(id, "Download complete", -1, -1);
                    return null;
                } catch (IOException | RuntimeException e) {
                    arriving.fail(e);
                    s.recordException(e);
                    throw e;
                } finally {
                    s.end();
                }
            })));
        }
        List<LayerRecord> applied;
        try {
            applied = applyInOrder(layers, diffIds, present, arrivals, progress);
        } catch (IOException | RuntimeException e) {
            // nothing more is wanted from the registry: stop the downloads still running
            downloads.forEach(d -> d.cancel(true));
            arrivals.forEach(Arriving::discard);
            throw e;
        }
        boolean existed = images.find(configDigest.toString()).isPresent();
        List<Reference> refs = new ArrayList<>();
        if (ref.tag().isPresent()) {
            refs.add(ref);
        }
        refs.add(new Reference(ref.domain(), ref.path(), Optional.empty(), Optional.of(resolved.digest().toString())));
        ImageRecord image = images.addImage(config, applied, refs, "pull");
        span.setAttribute("gantry.image.id", image.id().toString());
        progress.status("Digest: " + resolved.digest());
        progress.status(existed ? "Status: Image is up to date for " + ref.familiar()
                : "Status: Downloaded newer image for " + ref.familiar());
        return image;
    }

    /**
     * Applies the layers bottom up, each as soon as its blob is verified (while the blob is fsynced and later
     * layers still download); a layer is recorded only once its blob is stored.
     */
    private List<LayerRecord> applyInOrder(JsonNode layers, JsonNode diffIds, List<Boolean> present, List<Arriving> arrivals,
                                           Progress progress) throws IOException {
        Optional<LayerRecord> parent = Optional.empty();
        List<LayerRecord> applied = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Digest blob = Digest.parse(layers.get(i).path("digest").asText());
            String mediaType = layers.get(i).path("mediaType").asText(MediaTypes.DOCKER_LAYER_GZIP);
            Optional<Digest> diffId = Optional.of(Digest.parse(diffIds.get(i).asText()));
            LayerRecord l;
            if (present.get(i)) {
                l = images.addLayer(parent, blob, mediaType, diffId);
            } else {
                arrivals.get(i).awaitVerified();
                progress.item(blob.shortId(), "Extracting", -1, -1);
                l = images.addLayer(parent, blob, mediaType, diffId, arrivals.get(i));
                // a layer another pull recorded meanwhile is not read again: let its stream go
                arrivals.get(i).discard();
                progress.item(blob.shortId(), "Pull complete", -1, -1);
            }
            applied.add(l);
            parent = Optional.of(l);
        }
        return applied;
    }

    /**
     * One layer's blob on its way: readable as soon as its digest is verified, stored once fsynced and renamed.
     * The download completes both, or fails both with its error.
     */
    private static final class Arriving implements ImageStore.LayerSource {
        private final CompletableFuture<InputStream> verified = new CompletableFuture<>();
        private final CompletableFuture<Void> stored = new CompletableFuture<>();
        private volatile boolean taken;

        void awaitVerified() throws IOException {
            Transfers.join(verified);
        }

        @Override
        public InputStream open() throws IOException {
            taken = true;
            return Transfers.join(verified);
        }

        @Override
        public void awaitStored() throws IOException {
            Transfers.join(stored);
        }

        void fail(Throwable e) {
            verified.completeExceptionally(e);
            stored.completeExceptionally(e);
        }

        /** Closes the blob's stream if nobody took it (the pull failed first, or the layer was there already). */
        void discard() {
            if (!taken) {
                // now, or when the download gets that far
                verified.thenAccept(in -> {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // only a descriptor to let go of
                    }
                });
            }
        }
    }

    /**
     * Downloads a blob into the content store, verified; does nothing when it is there. With {@code arriving},
     * the blob is readable there as soon as it is verified, before it is fsynced and stored.
     */
    private void download(RegistrySession session, Digest digest, String id, ByteProgress counting, Progress progress,
                          Arriving arriving) throws IOException {
        if (images.content().exists(digest)) {
            images.blobSeen(digest, session.registry(), session.repository());
            if (arriving != null) {
                arriving.verified.complete(images.content().open(digest));
                arriving.stored.complete(null);
            }
            return;
        }
        HttpResponse<InputStream> r = session.send(HttpRequest.newBuilder(session.uri("blobs/" + digest)).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            if (r.statusCode() != 200) {
                throw new RegistryException(r.statusCode() == 404 ? 404 : 500, "error pulling blob " + digest + ": "
                        + RegistrySession.errorText(r.statusCode(), Capped.head(body, Capped.ERROR)));
            }
            InputStream in = counting == null ? body : counted(body, counting);
            try (ContentStore.Received received = images.content().receive(in, Optional.of(digest))) {
                if (arriving != null) {
                    arriving.verified.complete(received.open());
                }
                if (id != null) {
                    progress.item(id, "Verifying Checksum", -1, -1);
                }
                received.store();
            }
            if (arriving != null) {
                arriving.stored.complete(null);
            }
            images.metrics().transferred("pull", images.content().size(digest));
            images.blobSeen(digest, session.registry(), session.repository());
        }
    }

    /** A download's body, counted for the progress stream. */
    private static InputStream counted(InputStream in, ByteProgress counted) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                counted.add(n);
                return n;
            }
        };
    }
}
