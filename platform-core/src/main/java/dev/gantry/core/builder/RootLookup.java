package dev.gantry.core.builder;

import dev.gantry.core.sys.RootedOpen;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Names in a build's context (or a {@code --from} root) looked up as Docker does, as if the root were {@code /}:
 * links are followed, but the kernel ({@code openat2} with {@code RESOLVE_IN_ROOT}) keeps every step inside the
 * root, so a context's {@code x -> /etc/shadow} names the root's own {@code /etc/shadow}, never the host's.
 */
final class RootLookup implements AutoCloseable {
    private final Path root;
    private final int fd;

    private RootLookup(Path root, int fd) {
        this.root = root;
        this.fd = fd;
    }

    /** @param root a trusted directory (the context we unpacked, an image root we mounted) */
    static RootLookup open(Path root) throws IOException {
        Path real = root.toRealPath();
        return new RootLookup(real, RootedOpen.openDirectory(real));
    }

    Path root() {
        return root;
    }

    /**
     * The real path of what {@code relative} names inside the root: never a link, always under the root. Empty
     * when nothing is there (a dangling link, a missing part).
     */
    Optional<Path> resolve(String relative) throws IOException {
        int found;
        try {
            found = RootedOpen.openInRoot(fd, relative, 0);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (FileSystemException e) {
            throw new BuildFailure("cannot look up " + relative + " in the build context: " + e.getReason());
        }
        try {
            Path real = Files.readSymbolicLink(RootedOpen.path(found));
            if (!real.startsWith(root)) {
                // the kernel resolved it in the root; a name that is not under it is a root moved meanwhile
                throw new BuildFailure("cannot look up " + relative + " in the build context: it left the context");
            }
            return Optional.of(real);
        } finally {
            RootedOpen.close(found);
        }
    }

    @Override
    public void close() {
        RootedOpen.close(fd);
    }
}
