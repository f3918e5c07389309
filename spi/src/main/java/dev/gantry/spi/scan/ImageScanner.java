package dev.gantry.spi.scan;

import dev.gantry.spi.plugin.Plugin;
import java.util.List;

/**
 * Looks at an image and reports findings. A scanner only reads: it never changes the view or anything under
 * it, and may keep caches only in its own {@code stateDir}. The same image gives the same findings until the
 * scanner's own data changes ({@link #dataVersion()}).
 *
 * <p>Scanners that need what another found (vulnerabilities need the packages) get it in {@code previous}: the
 * engine runs them in the order of {@link #needs()}.
 *
 * <p>Hostile images: a scan must end, in bounded memory, whatever the image holds (see {@link ImageView}). A
 * file it cannot read safely is skipped; a scan that cannot be made at all throws
 * {@link dev.gantry.spi.plugin.PluginException} ({@code INVALID} for an image it refuses, {@code FAILED} otherwise).
 */
public interface ImageScanner extends Plugin {
    /** Scans with nothing found before. */
    default List<Finding> scan(ImageView image) {
        return scan(image, List.of());
    }

    /**
     * @param previous the findings of the scanners this one {@link #needs()}, in their order
     */
    List<Finding> scan(ImageView image, List<Finding> previous);

    /** The names of scanners whose findings this one reads; they run first. */
    default List<String> needs() {
        return List.of();
    }

    /** Changes when the scanner's own data changes (a vulnerability database); part of the cache key of results. */
    default String dataVersion() {
        return "";
    }
}
