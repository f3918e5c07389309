package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import dev.gantry.core.sys.RootedOpen;
import dev.gantry.core.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Volume mounts with a {@code Subpath} (API 1.45): a directory (or file) inside a volume, whose contents any
 * container using the volume controls. The subpath is opened with openat2(2) beneath the volume's directory, with
 * no symlinks and no magic links followed, so neither {@code ..} nor a planted link reaches outside; what was
 * opened is bind-mounted from its descriptor onto a staging point under the run root, and the runtime mounts the
 * staging point. Nothing is resolved by path after the check, so swapping a component for a link meanwhile changes
 * nothing. The staging mounts are only needed until the runtime has made the container's mounts.
 */
final class SubpathMounts {
    private SubpathMounts() {
    }

    /** Docker's rule at create: a subpath is relative and stays inside the volume by its words alone. */
    static boolean isLocal(String subpath) {
        if (subpath.isEmpty() || subpath.startsWith("/") || subpath.indexOf('\0') >= 0) {
            return false;
        }
        int depth = 0;
        for (String part : subpath.split("/")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    return false;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return true;
    }

    /**
     * Opens {@code subpath} safely beneath {@code volume} and mounts it at {@code <run-root>/subpaths/<id>/<n>},
     * which it returns. Errors are dockerd's: the path missing (404), or leaving the volume (400).
     */
    static Path stage(Path runRoot, String id, int n, Path volume, String subpath) throws IOException {
        Path staging = runRoot.resolve("subpaths").resolve(id).resolve(Integer.toString(n));
        String where = "error while mounting volume '" + volume + "': ";
        int base;
        try {
            base = RootedOpen.openDirectory(volume);
        } catch (IOException e) {
            throw EngineException.notFound(where + "cannot access path " + volume + ": " + e.getMessage());
        }
        int fd;
        try {
            fd = RootedOpen.openBeneath(base, subpath);
        } catch (RootedOpen.LookupFailure e) {
            String error = e.error().toLowerCase(Locale.ROOT);
            throw switch (e.errno()) {
                case RootedOpen.EXDEV -> EngineException.invalid(where + "path concatenation escapes the base directory, base: "
                        + volume + ", subpath: " + subpath);
                case RootedOpen.ENOENT, RootedOpen.ELOOP, RootedOpen.ENOTDIR -> EngineException.notFound(where
                        + "cannot access path " + volume.resolve(subpath) + ": " + error);
                case RootedOpen.ENOSYS -> EngineException.failed(where + "subpaths need openat2 (Linux 5.6 or later)", null);
                default -> EngineException.failed(where + "openat2 " + subpath + ": " + error, null);
            };
        } finally {
            RootedOpen.close(base);
        }
        try {
            Path source = RootedOpen.path(fd);
            Files.createDirectories(staging.getParent());
            if (Files.isDirectory(source)) {
                Files.createDirectories(staging);
            } else if (!Files.exists(staging)) {
                Files.createFile(staging);
            }
            Syscalls.mount(source.toString(), staging, null, Syscalls.MS_BIND, null);
        } finally {
            RootedOpen.close(fd);
        }
        return staging;
    }

    /** Takes down a container's staging points; a point that stays mounted is left, never deleted into. */
    static void release(Path runRoot, String id) {
        Path dir = runRoot.resolve("subpaths").resolve(id);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var points = Files.list(dir)) {
            for (Path p : points.toList()) {
                RootFs.unmount(p);
                if (!RootFs.isMounted(p)) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a busy point goes at the next release
        }
    }

    /** After a crash: no container needs a staging point once it runs, so all of them go. */
    static void releaseAll(Path runRoot) {
        Path dir = runRoot.resolve("subpaths");
        if (Files.isDirectory(dir)) {
            try (var ids = Files.list(dir)) {
                ids.forEach(p -> release(runRoot, p.getFileName().toString()));
            } catch (IOException ignored) {
                // left for the next start
            }
        }
    }
}
