package dev.gantry.core.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.content.Digest;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.image.LayerRecord;
import dev.gantry.core.image.Reference;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * {@code docker push}: every layer goes up gzip-compressed, in parallel from a bounded pool, skipping blobs the
 * registry has or can mount; then the config, then a schema 2 manifest under the tag. The manifest's digest
 * becomes one of the image's RepoDigests.
 */
public final class ImagePusher {
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;
    private final RegistryClient registries;
    private final ImageStore images;
    private final ExecutorService transfers;
    private final EventBus events;
    private final Tracer tracer;

    private final long chunkSize;

    public ImagePusher(RegistryClient registries, ImageStore images, ExecutorService transfers, EventBus events, Tracer tracer) {
        this(registries, images, transfers, events, tracer, 64L << 20);
    }

    /** @param chunkSize blobs larger than this go up in PATCH chunks of this size; smaller ones in one PUT */
    public ImagePusher(RegistryClient registries, ImageStore images, ExecutorService transfers, EventBus events, Tracer tracer,
                       long chunkSize) {
        this.chunkSize = chunkSize;
        this.registries = registries;
        this.images = images;
        this.transfers = transfers;
        this.events = events;
        this.tracer = tracer;
    }

    public Digest push(Reference ref, Credentials credentials, Progress progress) throws IOException {
        return images.metrics().time("push", () -> pushIn(ref, credentials, progress));
    }

    private Digest pushIn(Reference ref, Credentials credentials, Progress progress) throws IOException {
        ImageRecord image = images.resolve(ref.toString());
        Span span = tracer.spanBuilder("image.push").setAttribute("gantry.image.ref", ref.familiar()).startSpan();
        try (Scope ignored = span.makeCurrent(); ImageStore.Lease lease = images.lease()) {
            RegistrySession session = registries.session(ref.domain(), ref.path(), credentials, true);
            progress.status("The push refers to repository [" + ref.familiarRepository() + "]");
            List<LayerRecord> original = image.layers();
            for (int i = original.size() - 1; i >= 0; i--) {
                progress.item(original.get(i).diffId().shortId(), "Preparing", -1, -1);
            }
            // each layer goes up in its own task, from a bounded pool
            ImageStore.CompressedCopy[] layers = new ImageStore.CompressedCopy[original.size()];
            Context context = Context.current();
            List<Future<?>> uploads = new ArrayList<>();
            for (int i = 0; i < original.size(); i++) {
                int index = i;
                LayerRecord l = original.get(i);
                uploads.add(transfers.submit(context.wrap(() -> {
                    Span s = tracer.spanBuilder("layer.upload").setAttribute("gantry.layer.diff_id", l.diffId().toString()).startSpan();
                    try (Scope inner = s.makeCurrent()) {
                        layers[index] = pushLayer(session, l, progress);
                        return null;
                    } finally {
                        s.end();
                    }
                })));
            }
            Transfers.awaitAll(uploads);
            upload(session, image.id(), null, progress);
            byte[] manifest = manifest(image, List.of(layers));
            String tag = ref.tag().orElse("latest");
            HttpResponse<byte[]> r = session.send(HttpRequest.newBuilder(session.uri("manifests/" + tag))
                    .header("Content-Type", MediaTypes.DOCKER_MANIFEST).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)),
                    Capped.bytes(Capped.MANIFEST));
            if (r.statusCode() != 201 && r.statusCode() != 200) {
                throw new RegistryException(500, "pushing the manifest of " + ref.familiar() + " failed: "
                        + RegistrySession.errorText(r.statusCode(), r.body()));
            }
            Digest digest = Digest.of(manifest);
            images.addReference(image.id(), new Reference(ref.domain(), ref.path(), Optional.empty(), Optional.of(digest.toString())));
            progress.status(tag + ": digest: " + digest + " size: " + manifest.length);
            Map<String, Object> aux = new LinkedHashMap<>();
            aux.put("Tag", tag);
            aux.put("Digest", digest.toString());
            aux.put("Size", manifest.length);
            progress.aux(aux);
            events.publish(Event.now("image", "push", ref.familiar(), Map.of("name", ref.familiar())));
            span.setAttribute("gantry.image.digest", digest.toString());
            return digest;
        } catch (IOException | RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * One layer, as the manifest will list it. A gzip blob (as pulled) goes up as it is. An uncompressed one
     * (loaded, built, committed) is looked for at the registry under the digest an earlier push compressed it to,
     * and compressed and uploaded again only when the registry lacks it.
     */
    private ImageStore.CompressedCopy pushLayer(RegistrySession session, LayerRecord l, Progress progress) throws IOException {
        String id = l.diffId().shortId();
        if (MediaTypes.gzip(l.blobMediaType())) {
            Digest blob = l.blob().orElseThrow();
            progress.item(id, upload(session, blob, id, progress), -1, -1);
            return new ImageStore.CompressedCopy(blob, images.content().size(blob));
        }
        Optional<ImageStore.CompressedCopy> known = images.compressedCopy(l.diffId());
        Presence presence = known.isPresent() ? presence(session, known.get().blob()) : new Presence(null, newUpload(session));
        if (presence.status() != null) {
            progress.item(id, presence.status(), -1, -1);
            return known.get();
        }
        ImageStore.CompressedCopy copy = compressAndUpload(session, l, id, progress, presence.upload());
        progress.item(id, "Pushed", -1, -1);
        return copy;
    }

    /**
     * Compresses a layer while it goes up: the gzip stream is digested and handed through a pipe to one streamed
     * PATCH of the upload; the PUT with the digest then closes it. Nothing is written locally but the digest
     * and size. A failure on either side leaves the upload unfinished, which the registry never links.
     */
    private ImageStore.CompressedCopy compressAndUpload(RegistrySession session, LayerRecord l, String id, Progress progress,
                                                       URI location) throws IOException {
        Span span = tracer.spanBuilder("layer.compress").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            progress.item(id, "Pushing", 0, -1);
            BlobPipe pipe = new BlobPipe();
            var sent = session.sendOnce(HttpRequest.newBuilder(location).header("Content-Type", "application/octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(pipe::input)), Capped.bytes(Capped.MANIFEST));
            sent.whenComplete((r, e) -> pipe.stop());
            Outgoing out = new Outgoing(pipe.output(), id, progress);
            try (InputStream in = images.layerTar(l)) {
                // not closed on failure: closing would end the upload with a valid, shorter gzip stream
                AdaptiveGzipOutputStream gz = new AdaptiveGzipOutputStream(out);
                in.transferTo(gz);
                gz.close();
            } catch (IOException | RuntimeException e) {
                pipe.fail(e instanceof IOException io ? io : new IOException(e));
                if (sent.isDone()) {
                    // the upload ended first (a refused or broken request): its own failure says more than the pipe's
                    HttpResponse<byte[]> early = Transfers.join(sent);
                    throw new RegistryException(500, "uploading layer " + id + " failed: "
                            + RegistrySession.errorText(early.statusCode(), early.body()));
                }
                throw e;
            }
            HttpResponse<byte[]> patched = Transfers.join(sent);
            if (patched.statusCode() != 202) {
                throw new RegistryException(500, "uploading layer " + id + " failed: "
                        + RegistrySession.errorText(patched.statusCode(), patched.body()));
            }
            Digest blob = Digest.of(out.digest);
            finish(session, session.location(patched.headers().firstValue("Location").orElse(location.toString())), blob);
            ImageStore.CompressedCopy copy = new ImageStore.CompressedCopy(blob, out.count());
            images.compressedCopy(l.diffId(), copy);
            images.metrics().transferred("push", copy.size());
            images.blobSeen(blob, session.registry(), session.repository());
            return copy;
        } finally {
            span.end();
        }
    }

    /** The gzip stream on its way: digested, counted for the progress stream, and handed to the upload. */
    private static final class Outgoing extends OutputStream {
        private final OutputStream upload;
        private final ByteProgress counted;
        final java.security.MessageDigest digest = Digest.sha256();

        Outgoing(OutputStream upload, String id, Progress progress) {
            this.upload = upload;
            this.counted = new ByteProgress(progress, id, "Pushing", -1);
        }

        long count() {
            return counted.seen();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            upload.write(b, off, len);
            counted.add(len);
        }

        @Override
        public void close() throws IOException {
            upload.close();
        }
    }

    /** What the registry said of a blob: it has it now ({@code status}, in Docker's words), or where to upload it. */
    private record Presence(String status, URI upload) {
    }

    /**
     * A blob this engine saw in another repository of the registry is mounted straight away (a mount of a blob
     * the repository has also succeeds); otherwise the registry is asked whether it has it.
     */
    private Presence presence(RegistrySession session, Digest blob) throws IOException {
        List<String> sources = images.blobSources(blob, session.registry()).stream()
                .filter(from -> !from.equals(session.repository())).toList();
        if (!sources.isEmpty()) {
            String from = sources.getFirst();
            // 201: the registry linked the blob; 202: it opened an ordinary upload instead
            HttpResponse<byte[]> start = session.send(HttpRequest.newBuilder(session.uri("blobs/uploads/?mount=" + blob + "&from=" + from))
                    .POST(HttpRequest.BodyPublishers.noBody()), Capped.bytes(Capped.MANIFEST));
            if (start.statusCode() == 201) {
                images.blobSeen(blob, session.registry(), session.repository());
                return new Presence("Mounted from " + from, null);
            }
            return new Presence(null, uploadLocation(session, start));
        }
        HttpResponse<Void> head = session.send(HttpRequest.newBuilder(session.uri("blobs/" + blob))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() == 200) {
            images.blobSeen(blob, session.registry(), session.repository());
            return new Presence("Layer already exists", null);
        }
        return new Presence(null, newUpload(session));
    }

    /** A new upload session's location. */
    private static URI newUpload(RegistrySession session) throws IOException {
        HttpResponse<byte[]> start = session.send(HttpRequest.newBuilder(session.uri("blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), Capped.bytes(Capped.MANIFEST));
        return uploadLocation(session, start);
    }

    private static URI uploadLocation(RegistrySession session, HttpResponse<byte[]> start) {
        if (start.statusCode() != 202) {
            throw new RegistryException(start.statusCode() == 401 ? 401 : 500, "starting an upload to " + session.registry()
                    + " failed: " + RegistrySession.errorText(start.statusCode(), start.body()));
        }
        return session.location(start.headers().firstValue("Location").orElseThrow(
                () -> new RegistryException(500, "registry gave no upload location")));
    }

    /** Closes an upload whose bytes are all sent: the registry checks the digest and links the blob. */
    private static void finish(RegistrySession session, URI location, Digest blob) throws IOException {
        HttpResponse<byte[]> done = session.send(HttpRequest.newBuilder(withDigest(location, blob)).PUT(HttpRequest.BodyPublishers.noBody()),
                Capped.bytes(Capped.MANIFEST));
        if (done.statusCode() != 201) {
            throw new RegistryException(500, "uploading " + blob + " failed: " + RegistrySession.errorText(done.statusCode(), done.body()));
        }
    }

    /** Uploads a blob of the content store unless the registry has it or can mount it; says which, in Docker's words. */
    private String upload(RegistrySession session, Digest blob, String id, Progress progress) throws IOException {
        Presence presence = presence(session, blob);
        if (presence.status() != null) {
            return presence.status();
        }
        URI location = presence.upload();
        long size = images.content().size(blob);
        if (id != null) {
            progress.item(id, "Pushing", 0, size);
        }
        Path file = images.content().path(blob);
        if (size <= chunkSize) {
            HttpResponse<byte[]> done = session.send(HttpRequest.newBuilder(withDigest(location, blob))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(file)), Capped.bytes(Capped.MANIFEST));
            if (done.statusCode() != 201) {
                throw new RegistryException(500, "uploading " + blob + " failed: " + RegistrySession.errorText(done.statusCode(), done.body()));
            }
        } else {
            for (long offset = 0; offset < size; offset += chunkSize) {
                long length = Math.min(chunkSize, size - offset);
                HttpResponse<byte[]> chunk = session.send(HttpRequest.newBuilder(location)
                        .header("Content-Type", "application/octet-stream")
                        .header("Content-Range", offset + "-" + (offset + length - 1))
                        .method("PATCH", slice(file, offset, length)), Capped.bytes(Capped.MANIFEST));
                if (chunk.statusCode() != 202) {
                    throw new RegistryException(500, "uploading a chunk of " + blob + " failed: "
                            + RegistrySession.errorText(chunk.statusCode(), chunk.body()));
                }
                location = session.location(chunk.headers().firstValue("Location").orElse(location.toString()));
                if (id != null) {
                    progress.item(id, "Pushing", offset + length, size);
                }
            }
            finish(session, location, blob);
        }
        images.metrics().transferred("push", size);
        images.blobSeen(blob, session.registry(), session.repository());
        return "Pushed";
    }

    private static URI withDigest(URI location, Digest blob) {
        return URI.create(location + (location.getQuery() == null ? "?" : "&") + "digest=" + blob);
    }

    /** A part of a file as a request body, read when sent. */
    private static HttpRequest.BodyPublisher slice(Path file, long offset, long length) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                InputStream in = Files.newInputStream(file);
                in.skipNBytes(offset);
                return new java.io.BufferedInputStream(new BoundedInputStream(in, length));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), length);
    }

    /** At most {@code limit} bytes of the underlying stream. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    private byte[] manifest(ImageRecord image, List<ImageStore.CompressedCopy> layers) throws IOException {
        ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.DOCKER_MANIFEST);
        m.putObject("config").put("mediaType", MediaTypes.DOCKER_CONFIG)
                .put("size", images.content().size(image.id())).put("digest", image.id().toString());
        ArrayNode ls = m.putArray("layers");
        for (ImageStore.CompressedCopy l : layers) {
            ls.addObject().put("mediaType", MediaTypes.DOCKER_LAYER_GZIP).put("size", l.size()).put("digest", l.blob().toString());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
    }
}
