package dev.gantry.spi.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of an image for a scanner, made by the engine from the storage plugin's read-only snapshot
 * views: the image is never run.
 *
 * <p>Contract for scanners: the files under {@link #rootfs()} and each layer's {@link Layer#root()} belong to
 * the image, which is an attacker. A scanner reads them without following symbolic links out of the root it
 * reads (a link is resolved, if at all, against that root), caps the bytes and entries it reads from any one
 * file, and treats a malformed file as something to skip or report, never as a reason to hang or run out of
 * memory. The views are mounted only for the length of {@link ImageScanner#scan}.
 *
 * @param imageId      the image's id ({@code sha256:...})
 * @param rootfs       the image's merged root filesystem (the same tree as the last layer's root)
 * @param env          the image config's environment, {@code KEY=value}
 * @param user         the image config's user, empty for root
 * @param labels       the image config's labels
 * @param history      the image's history, oldest first: every step, also those that made no layer
 * @param layers       the image's layers, bottom first
 * @param exposedPorts the image config's exposed ports, as {@code 22/tcp}
 * @param healthcheck  whether the image config has a health check that is not {@code NONE}
 */
public record ImageView(String imageId, Path rootfs, List<String> env, String user, Map<String, String> labels,
                        List<HistoryStep> history, List<Layer> layers, Set<String> exposedPorts,
                        boolean healthcheck) {
    public ImageView {
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        history = List.copyOf(history);
        layers = List.copyOf(layers);
        exposedPorts = Set.copyOf(exposedPorts);
    }

    /** A view with one layer holding {@code rootfs}, and no history: for images that come as one tree. */
    public static ImageView flat(String imageId, Path rootfs, List<String> env, String user, Map<String, String> labels) {
        return new ImageView(imageId, rootfs, env, user, labels, List.of(),
                List.of(new Layer(0, imageId, rootfs, -1)), Set.of(), false);
    }

    /**
     * One step of the image's history, as {@code docker history} shows it.
     *
     * @param index      position in {@link #history()}, from 0
     * @param createdBy  the step's {@code created_by} line
     * @param emptyLayer true when the step made no layer
     */
    public record HistoryStep(int index, String createdBy, boolean emptyLayer) {
    }

    /**
     * One layer and the image as it stood once that layer was applied.
     *
     * @param index       position in {@link #layers()}, from 0 (the bottom layer)
     * @param diffId      the layer's diffID ({@code sha256:...})
     * @param root        the merged root filesystem of this layer and all below it, read-only: a file a later
     *                    layer deleted is still here
     * @param historyStep the index in {@link #history()} of the step that made this layer, -1 when unknown
     */
    public record Layer(int index, String diffId, Path root, int historyStep) {
    }

    /** The line the history step at {@code index} ran, or empty when there is none. */
    public String createdBy(int index) {
        return index >= 0 && index < history.size() ? history.get(index).createdBy() : "";
    }
}
