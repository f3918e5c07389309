package dev.gantry.spi.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of an image for a scanner.
 *
 * @param imageId the image's id ({@code sha256:...})
 * @param rootfs  the image's merged root filesystem, mounted read-only for the length of the scan
 * @param env     the image config's environment
 * @param user    the image config's user, empty for root
 * @param labels  the image config's labels
 * @param history the image's {@code CreatedBy} lines, oldest first
 */
public record ImageView(String imageId, Path rootfs, List<String> env, String user, Map<String, String> labels,
                        List<String> history) {
}
