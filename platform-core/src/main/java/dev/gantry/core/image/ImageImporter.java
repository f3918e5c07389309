package dev.gantry.core.image;

import dev.gantry.core.content.Digest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code docker import}: a root filesystem tar (compressed or not) becomes a one-layer image. */
public final class ImageImporter {
    private static final String LAYER = "application/vnd.docker.image.rootfs.diff.tar";
    private final ImageStore images;
    private final Tracer tracer;

    public ImageImporter(ImageStore images, Tracer tracer) {
        this.images = images;
        this.tracer = tracer;
    }

    public ImageRecord importRootfs(InputStream rootfs, Optional<Reference> ref, List<String> changes, String message)
            throws IOException {
        return images.metrics().time("import", () -> importIn(rootfs, ref, changes, message));
    }

    private ImageRecord importIn(InputStream rootfs, Optional<Reference> ref, List<String> changes, String message)
            throws IOException {
        Span span = tracer.spanBuilder("image.import").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return images.leased(() -> oneLayerImage(rootfs, ref, changes, message, span));
        } catch (IOException | RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private ImageRecord oneLayerImage(InputStream rootfs, Optional<Reference> ref, List<String> changes, String message,
                                      Span span) throws IOException {
        Digest blob = images.content().write(rootfs, Optional.empty());
        LayerRecord layer = images.addLayer(Optional.empty(), blob, LAYER, Optional.empty());
        // nanoseconds as dockerd writes them: two imports of one tar within a second are two images
        Instant now = Instant.now();
        ImageConfig config = ImageConfig.scratch().withConfig(ImageChanges.apply(changes, RunConfig.EMPTY)).withCreated(now)
                .plus(new ImageConfig.History(Optional.of(now), "", "", message == null || message.isBlank()
                        ? "Imported from -" : message, false), Optional.of(layer.diffId()));
        ImageRecord image = images.addImage(config, List.of(layer), ref.map(List::of).orElse(List.of()), "import");
        span.setAttribute("gantry.image.id", image.id().toString());
        return image;
    }
}
