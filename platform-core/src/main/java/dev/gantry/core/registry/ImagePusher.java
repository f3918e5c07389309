package dev.gantry.core.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.content.ContentStore;
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
 * {@code docker push}: every layer goes up gzip-compressed (compressed once and kept), skipping blobs the
 * registry has (HEAD first), in parallel from a bounded pool; then the config, then a schema 2 manifest under
 * the tag. The manifest's digest becomes one of the image's RepoDigests.
 */
public final class ImagePusher {
    private static final ObjectMapper JSON = new ObjectMapper();
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
            // each layer is compressed (once, then kept) and uploaded by its own task: both in parallel
            LayerRecord[] layers = new LayerRecord[original.size()];
            Context context = Context.current();
            List<Future<?>> uploads = new ArrayList<>();
            for (int i = 0; i < original.size(); i++) {
                int index = i;
                LayerRecord l = original.get(i);
                uploads.add(transfers.submit(context.wrap(() -> {
                    Span s = tracer.spanBuilder("layer.upload").setAttribute("gantry.layer.diff_id", l.diffId().toString()).startSpan();
                    try (Scope inner = s.makeCurrent()) {
                        LayerRecord ready = MediaTypes.gzip(l.blobMediaType()) ? l : compressed(l);
                        layers[index] = ready;
                        String id = l.diffId().shortId();
                        progress.item(id, upload(session, ready.blob().orElseThrow(), id, progress), -1, -1);
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
                    HttpResponse.BodyHandlers.ofByteArray());
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

    /** A gzip copy of the layer's tar, kept in place of the uncompressed blob; compressed straight into the store. */
    private LayerRecord compressed(LayerRecord l) throws IOException {
        Digest blob;
        try (InputStream in = images.layerTar(l); ContentStore.BlobWriter writer = images.content().writer()) {
            // the gzip stream is closed (trailer written) but the writer stays open until it is committed
            AdaptiveGzipOutputStream gz = new AdaptiveGzipOutputStream(new java.io.FilterOutputStream(writer) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            in.transferTo(gz);
            gz.close();
            blob = writer.commit();
        }
        return images.replaceBlob(l, blob, MediaTypes.DOCKER_LAYER_GZIP);
    }

    /** Uploads a blob unless the registry has it or can mount it; says which, in Docker's words. */
    private String upload(RegistrySession session, Digest blob, String id, Progress progress) throws IOException {
        HttpResponse<Void> head = session.send(HttpRequest.newBuilder(session.uri("blobs/" + blob))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() == 200) {
            images.blobSeen(blob, session.registry(), session.repository());
            return "Layer already exists";
        }
        HttpResponse<byte[]> start = null;
        for (String from : images.blobSources(blob, session.registry())) {
            if (from.equals(session.repository())) {
                continue;
            }
            // a cross-repository mount: 201 means the registry linked the blob, 202 is an ordinary upload session
            start = session.send(HttpRequest.newBuilder(session.uri("blobs/uploads/?mount=" + blob + "&from=" + from))
                    .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());
            if (start.statusCode() == 201) {
                images.blobSeen(blob, session.registry(), session.repository());
                return "Mounted from " + from;
            }
            break;
        }
        if (start == null || start.statusCode() != 202) {
            start = session.send(HttpRequest.newBuilder(session.uri("blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());
        }
        if (start.statusCode() != 202) {
            throw new RegistryException(start.statusCode() == 401 ? 401 : 500, "starting an upload to " + session.registry()
                    + " failed: " + RegistrySession.errorText(start.statusCode(), start.body()));
        }
        URI location = session.location(start.headers().firstValue("Location").orElseThrow(
                () -> new RegistryException(500, "registry gave no upload location")));
        long size = images.content().size(blob);
        if (id != null) {
            progress.item(id, "Pushing", 0, size);
        }
        Path file = images.content().path(blob);
        HttpResponse<byte[]> done;
        if (size <= chunkSize) {
            done = session.send(HttpRequest.newBuilder(withDigest(location, blob)).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(file)), HttpResponse.BodyHandlers.ofByteArray());
        } else {
            for (long offset = 0; offset < size; offset += chunkSize) {
                long length = Math.min(chunkSize, size - offset);
                HttpResponse<byte[]> chunk = session.send(HttpRequest.newBuilder(location)
                        .header("Content-Type", "application/octet-stream")
                        .header("Content-Range", offset + "-" + (offset + length - 1))
                        .method("PATCH", slice(file, offset, length)), HttpResponse.BodyHandlers.ofByteArray());
                if (chunk.statusCode() != 202) {
                    throw new RegistryException(500, "uploading a chunk of " + blob + " failed: "
                            + RegistrySession.errorText(chunk.statusCode(), chunk.body()));
                }
                location = session.location(chunk.headers().firstValue("Location").orElse(location.toString()));
                if (id != null) {
                    progress.item(id, "Pushing", offset + length, size);
                }
            }
            done = session.send(HttpRequest.newBuilder(withDigest(location, blob)).PUT(HttpRequest.BodyPublishers.noBody()),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        if (done.statusCode() != 201) {
            throw new RegistryException(500, "uploading " + blob + " failed: " + RegistrySession.errorText(done.statusCode(), done.body()));
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

    private byte[] manifest(ImageRecord image, List<LayerRecord> layers) throws IOException {
        ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.DOCKER_MANIFEST);
        m.putObject("config").put("mediaType", MediaTypes.DOCKER_CONFIG)
                .put("size", images.content().size(image.id())).put("digest", image.id().toString());
        ArrayNode ls = m.putArray("layers");
        for (LayerRecord l : layers) {
            Digest blob = l.blob().orElseThrow();
            ls.addObject().put("mediaType", MediaTypes.DOCKER_LAYER_GZIP).put("size", images.content().size(blob))
                    .put("digest", blob.toString());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
    }
}
