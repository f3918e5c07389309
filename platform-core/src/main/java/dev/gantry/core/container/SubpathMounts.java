package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import dev.gantry.core.sys.Syscalls;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Volume mounts with a {@code Subpath} (API 1.45): a directory (or file) inside a volume, whose contents any
 * container using the volume controls. The subpath is opened with openat2(2) beneath the volume's directory, with
 * no symlinks and no magic links followed, so neither {@code ..} nor a planted link reaches outside; what was
 * opened is bind-mounted from its descriptor onto a staging point under the run root, and the runtime mounts the
 * staging point. Nothing is resolved by path after the check, so swapping a component for a link meanwhile changes
 * nothing. The staging mounts are only needed until the runtime has made the container's mounts.
 */
final class SubpathMounts {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final long ERRNO_OFFSET = Linker.Option.captureStateLayout()
            .byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));
    /** glibc has no openat2 wrapper: syscall(2), whose arguments after the number are variadic. */
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final long SYS_OPENAT2 = 437;
    private static final int O_PATH = 010000000;
    private static final int O_CLOEXEC = 02000000;
    private static final int O_DIRECTORY = 0200000;
    private static final int O_NOFOLLOW = 0400000;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_NO_SYMLINKS = 0x04;
    private static final long RESOLVE_BENEATH = 0x08;
    private static final int ENOENT = 2;
    private static final int EXDEV = 18;
    private static final int ENOTDIR = 20;
    private static final int ENOSYS = 38;
    private static final int ELOOP = 40;

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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int base = (int) OPEN.invokeExact(state, arena.allocateFrom(volume.toString()),
                    O_PATH | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
            if (base < 0) {
                throw EngineException.notFound(where + "cannot access path " + volume + ": " + error(state));
            }
            int fd;
            try {
                MemorySegment how = arena.allocate(24, 8);
                how.set(ValueLayout.JAVA_LONG, 0, O_PATH | O_CLOEXEC);
                how.set(ValueLayout.JAVA_LONG, 8, 0);
                how.set(ValueLayout.JAVA_LONG, 16, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
                fd = (int) (long) SYSCALL.invokeExact(state, SYS_OPENAT2, base, arena.allocateFrom(subpath), how, 24L);
            } finally {
                Syscalls.close(base);
            }
            if (fd < 0) {
                int errno = state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
                throw switch (errno) {
                    case EXDEV -> EngineException.invalid(where + "path concatenation escapes the base directory, base: "
                            + volume + ", subpath: " + subpath);
                    case ENOENT, ELOOP, ENOTDIR -> EngineException.notFound(where + "cannot access path "
                            + volume.resolve(subpath) + ": " + strerror(errno));
                    case ENOSYS -> EngineException.failed(where + "subpaths need openat2 (Linux 5.6 or later)", null);
                    default -> EngineException.failed(where + "openat2 " + subpath + ": " + strerror(errno), null);
                };
            }
            try {
                Path source = Path.of("/proc/self/fd/" + fd);
                Files.createDirectories(staging.getParent());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(staging);
                } else if (!Files.exists(staging)) {
                    Files.createFile(staging);
                }
                Syscalls.mount(source.toString(), staging, null, Syscalls.MS_BIND, null);
            } finally {
                Syscalls.close(fd);
            }
            return staging;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("subpath " + subpath + ": " + t, t);
        }
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

    private static String error(MemorySegment state) throws Throwable {
        return strerror(state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET));
    }

    private static String strerror(int errno) {
        try {
            MemorySegment msg = (MemorySegment) STRERROR.invokeExact(errno);
            return msg.reinterpret(256).getString(0).toLowerCase(java.util.Locale.ROOT);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
