package dev.gantry.core.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tree whose links {@link SecurePaths} resolves: right for a root that no one else writes while it is used (a
 * snapshot being extracted, a build context), where a check cannot be raced.
 */
public final class HostTree implements TargetTree {
    private final Path root;

    public HostTree(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    @Override
    public Path entry(String relative) throws IOException {
        Path p = inside(SecurePaths.parentResolved(root, relative), relative);
        Files.createDirectories(p.getParent());
        return p;
    }

    @Override
    public Path lookup(String relative) throws IOException {
        return relative.isEmpty() ? root : inside(SecurePaths.parentResolved(root, relative), relative);
    }

    @Override
    public Path resolve(String relative) throws IOException {
        return inside(SecurePaths.resolve(root, relative), relative);
    }

    @Override
    public void release() {
        // nothing held
    }

    /** Defence in depth: whatever the resolution did, the result must be under the root. */
    private Path inside(Path p, String name) throws UnsafeArchiveException {
        Path n = p.normalize();
        if (!n.startsWith(root)) {
            throw new UnsafeArchiveException("archive entry " + name + " resolves outside the target");
        }
        return n;
    }
}
