package dev.gantry.core.sys;

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
import java.util.Map;

/**
 * Starts a program with glibc's posix_spawn(3) through the FFM API, for the one child the JDK cannot start
 * directly: one that needs a descriptor beyond stdio (conmon's sync pipe as fd 3). The JDK's own launch goes
 * through {@code jspawnhelper}, and fd 3 needed a shell around conmon besides: two extra programs per container.
 * The child gets stdin from /dev/null, stdout and stderr in one file, the given file open read-write as fd 3,
 * every other descriptor closed, default signal handling and an empty signal mask. The caller reaps it.
 */
public final class Spawn {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final long ERRNO_OFFSET = Linker.Option.captureStateLayout()
            .byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SPAWN = plain("posix_spawn", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS));
    private static final MethodHandle FA_INIT = plain("posix_spawn_file_actions_init",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle FA_DESTROY = plain("posix_spawn_file_actions_destroy",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle FA_OPEN = plain("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle FA_DUP2 = plain("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle FA_CLOSEFROM = plain("posix_spawn_file_actions_addclosefrom_np",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle ATTR_INIT = plain("posix_spawnattr_init",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle ATTR_DESTROY = plain("posix_spawnattr_destroy",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle ATTR_FLAGS = plain("posix_spawnattr_setflags",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_SHORT));
    private static final MethodHandle ATTR_SIGMASK = plain("posix_spawnattr_setsigmask",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle ATTR_SIGDEFAULT = plain("posix_spawnattr_setsigdefault",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle SIGEMPTYSET = plain("sigemptyset",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle SIGFILLSET = plain("sigfillset",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle WAITPID = LINKER.downcallHandle(LINKER.defaultLookup().find("waitpid").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), ERRNO);
    private static final MethodHandle STRERROR = plain("strerror", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    // glibc's opaque structs are 80 (file actions), 336 (attributes) and 128 (sigset_t) bytes on 64-bit: room for all
    private static final long OPAQUE = 512;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0100;
    private static final int O_TRUNC = 01000;
    private static final int WNOHANG = 1;
    private static final int ECHILD = 10;
    private static final int EINTR = 4;

    private Spawn() {
    }

    private static MethodHandle plain(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd);
    }

    /** Starts {@code argv} (its first element a path) with {@code env}; returns its pid. */
    public static long start(List<String> argv, Map<String, String> env, Path output, Path fd3) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(OPAQUE, 16);
            MemorySegment attr = arena.allocate(OPAQUE, 16);
            check((int) FA_INIT.invokeExact(actions), "file actions");
            check((int) ATTR_INIT.invokeExact(attr), "attributes");
            try {
                check((int) FA_OPEN.invokeExact(actions, 0, arena.allocateFrom("/dev/null"), O_RDONLY, 0), "stdin");
                check((int) FA_OPEN.invokeExact(actions, 1, arena.allocateFrom(output.toString()),
                        O_WRONLY | O_CREAT | O_TRUNC, 0600), "stdout");
                check((int) FA_DUP2.invokeExact(actions, 1, 2), "stderr");
                check((int) FA_OPEN.invokeExact(actions, 3, arena.allocateFrom(fd3.toString()), O_RDWR, 0), "fd 3");
                // the engine's sockets, database and logs must not live on in a monitor that outlives it
                check((int) FA_CLOSEFROM.invokeExact(actions, 4), "closefrom");
                MemorySegment none = arena.allocate(OPAQUE, 16);
                MemorySegment all = arena.allocate(OPAQUE, 16);
                check((int) SIGEMPTYSET.invokeExact(none), "sigemptyset");
                check((int) SIGFILLSET.invokeExact(all), "sigfillset");
                check((int) ATTR_SIGMASK.invokeExact(attr, none), "signal mask");
                check((int) ATTR_SIGDEFAULT.invokeExact(attr, all), "signal defaults");
                check((int) ATTR_FLAGS.invokeExact(attr, (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)), "flags");
                MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
                int rc = (int) SPAWN.invokeExact(pid, arena.allocateFrom(argv.getFirst()), actions, attr,
                        strings(arena, argv), strings(arena, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
                if (rc != 0) {
                    throw new IOException("cannot start " + argv.getFirst() + ": " + strerror(rc));
                }
                return pid.get(ValueLayout.JAVA_INT, 0);
            } finally {
                int ignored = (int) FA_DESTROY.invokeExact(actions);
                ignored = (int) ATTR_DESTROY.invokeExact(attr);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("posix_spawn " + argv.getFirst() + ": " + t, t);
        }
    }

    /**
     * Reaps {@code pid} if it has ended: its exit code (128 + signal when killed), or -1 while it runs. Polled,
     * so that no carrier thread blocks in waitpid.
     */
    public static int poll(long pid) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            while (true) {
                int rc = (int) WAITPID.invokeExact(state, (int) pid, status, WNOHANG);
                if (rc == 0) {
                    return -1;
                }
                if (rc < 0) {
                    int errno = state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
                    if (errno == EINTR) {
                        continue;
                    }
                    throw new IOException("waitpid " + pid + ": " + strerror(errno) + (errno == ECHILD ? " (not our child)" : ""));
                }
                int s = status.get(ValueLayout.JAVA_INT, 0);
                return (s & 0x7f) == 0 ? (s >> 8) & 0xff : 128 + (s & 0x7f);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("waitpid " + pid + ": " + t, t);
        }
    }

    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    private static void check(int rc, String what) throws IOException {
        if (rc != 0) {
            throw new IOException("posix_spawn " + what + ": " + strerror(rc));
        }
    }

    private static String strerror(int errno) {
        try {
            return ((MemorySegment) STRERROR.invokeExact(errno)).reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
