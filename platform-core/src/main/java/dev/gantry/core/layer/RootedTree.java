package dev.gantry.core.layer;

import dev.gantry.core.sys.RootedOpen;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tree someone else may be changing while we work in it, a container's files: every lookup is the kernel's,
 * {@code openat2} with {@code RESOLVE_IN_ROOT} from a descriptor of the root, so no link swapped in meanwhile
 * leads outside. Paths handed out are {@code /proc/self/fd/N/last}: the parent pinned by a descriptor, the last
 * component for the caller to act on without following it. Lookups cross the mounts inside the root (a running
 * container's volumes and tmpfs when the root is {@code /proc/<pid>/root}).
 */
public final class RootedTree implements TargetTree, AutoCloseable {
    private final int rootFd;
    private final boolean owned;
    private final String base;
    private final List<Integer> held = new ArrayList<>();

    private RootedTree(int rootFd, boolean owned, String base) {
        this.rootFd = rootFd;
        this.owned = owned;
        this.base = base;
    }

    /** A tree rooted at a directory of the host, given by a trusted path (the root itself is not attacker's). */
    public static RootedTree open(Path root) throws IOException {
        return new RootedTree(RootedOpen.openDirectory(root), true, "");
    }

    /**
     * The tree's names starting at {@code relative}, whose lookups still resolve in the whole root (an absolute
     * link means the root's {@code /}, as the container sees it). Shares the root's descriptor: close this first.
     */
    public RootedTree under(String relative) {
        return new RootedTree(rootFd, false, join(base, relative));
    }

    @Override
    public Path entry(String relative) throws IOException {
        String full = join(base, relative);
        int slash = full.lastIndexOf('/');
        return RootedOpen.path(directory(slash < 0 ? "" : full.substring(0, slash), true)).resolve(full.substring(slash + 1));
    }

    @Override
    public Path lookup(String relative) throws IOException {
        String full = join(base, relative);
        if (full.isEmpty()) {
            // the root's own directory, not the descriptor's magic link
            return resolve(relative).resolve(".");
        }
        int slash = full.lastIndexOf('/');
        return RootedOpen.path(directory(slash < 0 ? "" : full.substring(0, slash), false)).resolve(full.substring(slash + 1));
    }

    @Override
    public Path resolve(String relative) throws IOException {
        return RootedOpen.path(hold(RootedOpen.openInRoot(rootFd, join(base, relative), 0)));
    }

    private int directory(String relative, boolean make) throws IOException {
        try {
            return hold(RootedOpen.openInRoot(rootFd, relative, RootedOpen.O_DIRECTORY));
        } catch (NoSuchFileException e) {
            if (!make || relative.isEmpty()) {
                throw e;
            }
        }
        int slash = relative.lastIndexOf('/');
        int parent = directory(slash < 0 ? "" : relative.substring(0, slash), true);
        try {
            // mkdir never follows its last component: this makes a directory in the pinned parent or fails
            Files.createDirectory(RootedOpen.path(parent).resolve(relative.substring(slash + 1)));
        } catch (FileAlreadyExistsException raced) {
            // made meanwhile: looked up again below, inside the root like any other
        }
        return hold(RootedOpen.openInRoot(rootFd, relative, RootedOpen.O_DIRECTORY));
    }

    private int hold(int fd) {
        held.add(fd);
        return fd;
    }

    @Override
    public void release() {
        held.forEach(RootedOpen::close);
        held.clear();
    }

    @Override
    public void close() {
        release();
        if (owned) {
            RootedOpen.close(rootFd);
        }
    }

    private static String join(String a, String b) {
        String x = strip(a);
        String y = strip(b);
        return x.isEmpty() ? y : y.isEmpty() ? x : x + "/" + y;
    }

    private static String strip(String s) {
        String t = s;
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
