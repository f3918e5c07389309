package dev.gantry.core.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The few system calls the JDK does not offer, through the FFM API: device nodes, extended attributes on paths
 * without following links, mount(2) and umount2(2), and the SOCK_SEQPACKET unix sockets conmon listens on.
 * Errors come back as IOException with errno's meaning.
 */
public final class Syscalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final long ERRNO_OFFSET = Linker.Option.captureStateLayout()
            .byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle MKNOD = handle("mknod",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    private static final MethodHandle LSETXATTR = handle("lsetxattr",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle MOUNT = handle("mount",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final MethodHandle UMOUNT2 = handle("umount2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SOCKET = handle("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CONNECT = handle("connect",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle WRITE = handle("write",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle SHUTDOWN = handle("shutdown",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = handle("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle UNSHARE = handle("unshare",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle OPEN = handle("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SETNS = handle("setns",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle UTIMENSAT = handle("utimensat",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFIFO = 0010000;

    public static final long MS_RDONLY = 1;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final int MNT_DETACH = 2;
    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SHUT_WR = 1;
    private static final int EINTR = 4;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private Syscalls() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, ERRNO);
    }

    public static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    public static void mknod(Path path, int typeAndMode, long major, long minor) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int rc = (int) MKNOD.invokeExact(state, arena.allocateFrom(path.toString()), typeAndMode, makedev(major, minor));
            check(rc, state, "mknod " + path);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("mknod " + path + ": " + t, t);
        }
    }

    /**
     * Sets access and modification times of {@code path} without opening it or following a final link: the JDK's
     * {@code setTimes} opens the file, which blocks forever on a FIFO and may act on a device.
     */
    public static void setTimesNoFollow(Path path, java.time.Instant time) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            MemorySegment times = arena.allocate(32);
            for (int i = 0; i < 2; i++) {
                times.set(ValueLayout.JAVA_LONG, i * 16L, time.getEpochSecond());
                times.set(ValueLayout.JAVA_LONG, i * 16L + 8, time.getNano());
            }
            int rc = (int) UTIMENSAT.invokeExact(state, AT_FDCWD, arena.allocateFrom(path.toString()), times, AT_SYMLINK_NOFOLLOW);
            check(rc, state, "utimensat " + path);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("utimensat " + path + ": " + t, t);
        }
    }

    public static void lsetxattr(Path path, String name, byte[] value) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            MemorySegment v = arena.allocate(Math.max(1, value.length));
            v.copyFrom(MemorySegment.ofArray(value));
            int rc = (int) LSETXATTR.invokeExact(state, arena.allocateFrom(path.toString()), arena.allocateFrom(name), v,
                    (long) value.length, 0);
            check(rc, state, "setxattr " + name + " on " + path);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("setxattr " + path + ": " + t, t);
        }
    }

    /** mount(2); {@code data} is the comma-joined option string a file system takes, or null. */
    public static void mount(String source, Path target, String type, long flags, String data) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            // locals, not conditionals, in the call: invokeExact would see a conditional's type as Object
            MemorySegment fsType = type == null ? MemorySegment.NULL : arena.allocateFrom(type);
            MemorySegment options = data == null ? MemorySegment.NULL : arena.allocateFrom(data);
            int rc = (int) MOUNT.invokeExact(state, arena.allocateFrom(source), arena.allocateFrom(target.toString()),
                    fsType, flags, options);
            check(rc, state, "mount " + type + " at " + target);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("mount " + target + ": " + t, t);
        }
    }

    /** umount2(2). */
    public static void umount(Path target, int flags) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int rc = (int) UMOUNT2.invokeExact(state, arena.allocateFrom(target.toString()), flags);
            check(rc, state, "umount " + target);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("umount " + target + ": " + t, t);
        }
    }

    /** Connects a SOCK_SEQPACKET unix socket to {@code path} and returns its descriptor. */
    public static int connectSeqpacket(Path path) throws IOException {
        byte[] name = path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (name.length > 107) {
            throw new IOException("socket path too long for a unix socket: " + path);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int fd = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
            check(fd < 0 ? -1 : 0, state, "socket");
            MemorySegment addr = arena.allocate(110);
            addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            addr.asSlice(2, name.length).copyFrom(MemorySegment.ofArray(name));
            int rc = (int) CONNECT.invokeExact(state, fd, addr, 2 + name.length + 1);
            if (rc != 0) {
                int errno = state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
                close(fd);
                throw new IOException("connect " + path + ": " + strerror(errno));
            }
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("connect " + path + ": " + t, t);
        }
    }

    /** Writes all of {@code data} to {@code fd}, as one packet on a SOCK_SEQPACKET socket when it fits. */
    public static void write(int fd, byte[] data, int length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            MemorySegment buf = arena.allocate(Math.max(1, length));
            buf.copyFrom(MemorySegment.ofArray(data).asSlice(0, length));
            long off = 0;
            while (off < length) {
                long n = (long) WRITE.invokeExact(state, fd, buf.asSlice(off), (long) (length - off));
                if (n < 0) {
                    int errno = state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
                    if (errno == EINTR) {
                        continue;
                    }
                    throw new IOException("write: " + strerror(errno));
                }
                off += n;
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("write: " + t, t);
        }
    }

    /** Ends the writing side of a socket: the peer reads end of file. */
    public static void shutdownOutput(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int rc = (int) SHUTDOWN.invokeExact(state, fd, SHUT_WR);
            check(rc, state, "shutdown");
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("shutdown: " + t, t);
        }
    }

    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int ignored = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable ignored) {
            // nothing useful to do when close fails
        }
    }

    private static final int CLONE_NEWNET = 0x40000000;

    /**
     * Makes a new network namespace and pins it at {@code file} (an empty file, as {@code ip netns add} makes
     * them), without changing this process's namespace: the work runs on a thread of its own that unshares,
     * bind-mounts its namespace and ends.
     */
    public static void newNetworkNamespace(Path file) throws IOException {
        onOwnThread("gantry-netns", () -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
                int rc = (int) UNSHARE.invokeExact(state, CLONE_NEWNET);
                check(rc, state, "unshare");
                mount("/proc/thread-self/ns/net", file, "none", MS_BIND, null);
            }
            return null;
        });
    }

    /** Work that runs inside another network namespace. */
    @FunctionalInterface
    public interface InNamespace<T> {
        T run() throws IOException;
    }

    /** Work for a thread of its own, whose namespaces it may change: native calls may throw anything. */
    @FunctionalInterface
    private interface NativeWork<T> {
        T run() throws Throwable;
    }

    /**
     * Runs {@code work} inside the network namespace pinned at {@code netns}, on a thread of its own that joins it
     * and ends, so no thread of the engine is ever left in a container's namespace. Sockets opened by the work
     * belong to that namespace for their whole life, wherever they are used afterwards.
     */
    public static <T> T inNetworkNamespace(Path netns, InNamespace<T> work) throws IOException {
        return onOwnThread("gantry-setns", () -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
                int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(netns.toString()), O_RDONLY | O_CLOEXEC);
                if (fd < 0) {
                    check(-1, state, "open " + netns);
                }
                try {
                    int rc = (int) SETNS.invokeExact(state, fd, CLONE_NEWNET);
                    check(rc, state, "setns " + netns);
                } finally {
                    close(fd);
                }
            }
            return work.run();
        });
    }

    /** Runs {@code work} on a platform thread that ends with it, and hands back its result or failure. */
    private static <T> T onOwnThread(String name, NativeWork<T> work) throws IOException {
        Object[] result = new Object[1];
        IOException[] failure = new IOException[1];
        Thread t = Thread.ofPlatform().name(name).start(() -> {
            try {
                result[0] = work.run();
            } catch (IOException e) {
                failure[0] = e;
            } catch (Throwable e) {
                failure[0] = new IOException(name + ": " + e, e);
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + name, e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;

    private static String strerror(int errno) throws Throwable {
        MemorySegment msg = (MemorySegment) STRERROR.invokeExact(errno);
        return msg.reinterpret(256).getString(0);
    }

    private static void check(int rc, MemorySegment state, String what) throws Throwable {
        if (rc != 0) {
            int errno = state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
            throw new IOException(what + ": " + strerror(errno));
        }
    }
}
