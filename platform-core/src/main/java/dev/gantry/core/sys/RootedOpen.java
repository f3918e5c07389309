package dev.gantry.core.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * openat2(2) with {@code RESOLVE_IN_ROOT}: the kernel resolves a path inside a directory as if it were {@code /}
 * (absolute links and {@code ..} stay in it), atomically, so a tree someone else changes meanwhile (a running
 * container) cannot send the lookup out. What comes back is an {@code O_PATH} descriptor; the JDK reaches it as
 * {@code /proc/self/fd/N}, whose lookups start at that very directory.
 */
public final class RootedOpen {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final long ERRNO_OFFSET = Linker.Option.captureStateLayout()
            .byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
            ERRNO, Linker.Option.firstVariadicArg(1));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), ERRNO);
    private static final MethodHandle FCHMODAT = LINKER.downcallHandle(LINKER.defaultLookup().find("fchmodat").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT), ERRNO);
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private static final long SYS_OPENAT2 = 437;
    public static final long O_PATH = 010000000;
    public static final long O_DIRECTORY = 0200000;
    public static final long O_NOFOLLOW = 0400000;
    private static final long O_CLOEXEC = 02000000;
    private static final long RESOLVE_NO_MAGICLINKS = 0x02;
    private static final long RESOLVE_NO_SYMLINKS = 0x04;
    private static final long RESOLVE_BENEATH = 0x08;
    private static final long RESOLVE_IN_ROOT = 0x10;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int ENOENT = 2;
    public static final int EXDEV = 18;
    public static final int ENOTDIR = 20;
    public static final int ENOSYS = 38;
    public static final int ELOOP = 40;
    private static final int EAGAIN = 11;

    private RootedOpen() {
    }

    /** An {@code O_PATH} descriptor of a trusted host directory, the root of later lookups. */
    public static int openDirectory(Path dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(dir.toString()), (int) (O_PATH | O_DIRECTORY | O_CLOEXEC));
            if (fd < 0) {
                throw failure(state, dir.toString(), "open");
            }
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("open " + dir + ": " + t, t);
        }
    }

    /**
     * An {@code O_PATH} descriptor of {@code relative} looked up inside {@code rootFd} with {@code RESOLVE_IN_ROOT}
     * (magic links refused); {@code flags} may add {@link #O_DIRECTORY} or {@link #O_NOFOLLOW}.
     */
    public static int openInRoot(int rootFd, String relative, long flags) throws IOException {
        try {
            return openat2(rootFd, relative, flags, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
        } catch (LookupFailure e) {
            throw switch (e.errno()) {
                case ENOENT -> new NoSuchFileException("/" + relative);
                case ENOTDIR -> new NotDirectoryException("/" + relative);
                default -> new FileSystemException("/" + relative, null, e.getReason());
            };
        }
    }

    /**
     * An {@code O_PATH} descriptor of {@code relative} beneath {@code dirFd}, following no link of any kind
     * ({@code RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS}): for a path that must name exactly what its words say, such
     * as a volume's {@code Subpath}. Fails with {@link LookupFailure}, whose errno tells an escape ({@code EXDEV})
     * from a link ({@code ELOOP}) or a missing part ({@code ENOENT}).
     */
    public static int openBeneath(int dirFd, String relative) throws IOException {
        return openat2(dirFd, relative, 0, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
    }

    /** A lookup the kernel refused, with its errno. */
    public static final class LookupFailure extends FileSystemException {
        private final int errno;
        private final String error;

        LookupFailure(String path, int errno, String error) {
            super(path, null, "open: " + error);
            this.errno = errno;
            this.error = error;
        }

        public int errno() {
            return errno;
        }

        /** The kernel's words for the errno, as strerror(3) gives them. */
        public String error() {
            return error;
        }
    }

    private static int openat2(int dirFd, String relative, long flags, long resolve) throws IOException {
        String path = relative.isEmpty() ? "." : relative;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            MemorySegment how = arena.allocate(24);
            how.set(ValueLayout.JAVA_LONG, 0, O_PATH | O_CLOEXEC | flags);
            how.set(ValueLayout.JAVA_LONG, 8, 0);
            how.set(ValueLayout.JAVA_LONG, 16, resolve);
            MemorySegment name = arena.allocateFrom(path);
            for (int attempt = 0; ; attempt++) {
                long fd = (long) SYSCALL.invokeExact(state, SYS_OPENAT2, (long) dirFd, name, how, 24L);
                if (fd >= 0) {
                    return (int) fd;
                }
                int errno = state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
                // EAGAIN: a rename raced a ".." lookup; the kernel asks to try again
                if (errno != EAGAIN || attempt > 16) {
                    throw new LookupFailure(relative, errno, strerror(errno));
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("openat2 " + relative + ": " + t, t);
        }
    }

    /** The path through which the JDK reaches what descriptor {@code fd} holds. */
    public static Path path(int fd) {
        return Path.of("/proc/self/fd/" + fd);
    }

    /** chmod of {@code path} without following a final link (a link there is refused). */
    public static void chmodNoFollow(Path path, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int rc = (int) FCHMODAT.invokeExact(state, AT_FDCWD, arena.allocateFrom(path.toString()), mode, AT_SYMLINK_NOFOLLOW);
            if (rc != 0) {
                throw failure(state, path.toString(), "chmod");
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("chmod " + path + ": " + t, t);
        }
    }

    public static void close(int fd) {
        Syscalls.close(fd);
    }

    private static IOException failure(MemorySegment state, String path, String what) throws Throwable {
        int errno = state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
        return switch (errno) {
            case ENOENT -> new NoSuchFileException(path);
            case ENOTDIR -> new NotDirectoryException(path);
            default -> new FileSystemException(path, null, what + ": " + strerror(errno));
        };
    }

    private static String strerror(int errno) throws Throwable {
        MemorySegment msg = (MemorySegment) STRERROR.invokeExact(errno);
        return msg.reinterpret(256).getString(0);
    }
}
