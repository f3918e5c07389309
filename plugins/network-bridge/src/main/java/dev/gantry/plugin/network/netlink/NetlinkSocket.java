package dev.gantry.plugin.network.netlink;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A NETLINK_ROUTE socket through the FFM API. A socket belongs to the network namespace it was created in, so
 * one for a container's namespace is opened by a short-lived platform thread that has {@code setns}'d into it
 * (a thread's namespace is its own; the engine's other threads never see it). One request at a time.
 */
final class NetlinkSocket implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final long ERRNO_OFFSET = Linker.Option.captureStateLayout()
            .byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SEND = handle("send", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SETNS = handle("setns", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int O_RDONLY_CLOEXEC = 02000000;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int EINTR = 4;
    private static final int BUFFER = 32 * 1024;

    private final int fd;
    private int seq;

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, ERRNO);
    }

    /** A socket in the engine's own network namespace. */
    static NetlinkSocket host() throws IOException {
        return new NetlinkSocket(socket());
    }

    /** A socket in the namespace that {@code netns} (a file under /run/netns) holds. */
    static NetlinkSocket in(Path netns) throws IOException {
        int nsFd = open(netns);
        try {
            AtomicReference<Object> result = new AtomicReference<>();
            Thread t = Thread.ofPlatform().name("netlink-setns").unstarted(() -> {
                try {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
                        if ((int) SETNS.invokeExact(state, nsFd, CLONE_NEWNET) != 0) {
                            throw failure("setns " + netns, state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET));
                        }
                    }
                    result.set(socket());
                } catch (Throwable e) {
                    result.set(e);
                }
            });
            t.start();
            t.join();
            if (result.get() instanceof Integer sock) {
                return new NetlinkSocket(sock);
            }
            throw result.get() instanceof IOException io ? io : new IOException(String.valueOf(result.get()), (Throwable) result.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted opening a netlink socket in " + netns, e);
        } finally {
            closeFd(nsFd);
        }
    }

    /** Opens {@code path} read-only for a namespace descriptor (IFLA_NET_NS_FD); the caller closes it. */
    static int open(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path.toString()), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw failure("open " + path, state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET));
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    static void closeFd(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            // nothing to do about a failed close of a descriptor only we held
        }
    }

    private static int socket() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int fd = (int) SOCKET.invokeExact(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0 /* NETLINK_ROUTE */);
            if (fd < 0) {
                throw failure("netlink socket", state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET));
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    int nextSeq() {
        return ++seq;
    }

    /** Sends one request and returns the replies up to the one that answers it (an error/ack, or the reply). */
    List<NetlinkReply> exchange(byte[] request, int seq) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            MemorySegment out = arena.allocateFrom(ValueLayout.JAVA_BYTE, request);
            long sent;
            do {
                sent = (long) SEND.invokeExact(state, fd, out, (long) request.length, 0);
            } while (sent < 0 && state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET) == EINTR);
            if (sent < 0) {
                throw failure("netlink send", state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET));
            }
            MemorySegment in = arena.allocate(BUFFER);
            while (true) {
                long got = (long) RECV.invokeExact(state, fd, in, (long) BUFFER, 0);
                if (got < 0) {
                    if (state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET) == EINTR) {
                        continue;
                    }
                    throw failure("netlink receive", state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET));
                }
                List<NetlinkReply> replies = NetlinkReply.parse(in.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE), (int) got);
                List<NetlinkReply> ours = replies.stream().filter(r -> r.seq() == seq).toList();
                if (!ours.isEmpty()) {
                    return ours;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    /** errno's words, as {@code ip} prints them ("File exists"). */
    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "errno " + errno;
        }
    }

    private static IOException failure(String what, int errno) {
        return new IOException(what + ": " + strerror(errno));
    }

    @Override
    public void close() {
        closeFd(fd);
    }
}
