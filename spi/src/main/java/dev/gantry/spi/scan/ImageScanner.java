package dev.gantry.spi.scan;

import dev.gantry.spi.plugin.Plugin;
import java.util.List;

/**
 * Looks at an image and reports findings. A scanner only reads: it never changes the view or anything under
 * it, and may keep caches only in its own {@code stateDir}. The same image gives the same findings until the
 * scanner's own data changes.
 */
public interface ImageScanner extends Plugin {
    List<Finding> scan(ImageView image);
}
