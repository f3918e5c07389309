package dev.gantry.core.layer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where an archive is unpacked or read: paths inside a root, named relative to it. An implementation decides how
 * lookups stay inside: {@link HostTree} resolves links itself (for trees nobody else changes meanwhile, like a
 * fresh snapshot), {@link RootedTree} lets the kernel resolve each lookup in the root (for a container's files,
 * which the container may change while we work).
 *
 * <p>The paths handed out are valid until {@link #release()}: callers act on their last component only (without
 * following it), so whatever happens to the tree meanwhile, nothing outside the root is touched.
 */
public interface TargetTree {
    /** Where {@code relative}'s last component lives: its parent resolved inside the root (and made if missing). */
    Path entry(String relative) throws IOException;

    /** {@code relative} with its parent resolved inside the root, the last component not followed; none is made. */
    Path lookup(String relative) throws IOException;

    /** {@code relative} resolved inside the root, a final link followed too. */
    Path resolve(String relative) throws IOException;

    /** Ends the validity of the paths handed out so far. */
    void release();
}
