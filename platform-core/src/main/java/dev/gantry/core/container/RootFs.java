package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import dev.gantry.core.layer.SecurePaths;
import dev.gantry.core.sys.Syscalls;
import dev.gantry.spi.storage.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Mounts a container's writable snapshot at its bundle's {@code rootfs}, and takes it down again. */
final class RootFs {
    private RootFs() {
    }

    static void mount(List<Mount> mounts, Path target) throws IOException {
        Files.createDirectories(target);
        if (isMounted(target)) {
            return;
        }
        for (Mount m : mounts) {
            List<String> data = new ArrayList<>();
            long flags = 0;
            for (String o : m.options()) {
                switch (o) {
                    case "ro" -> flags |= Syscalls.MS_RDONLY;
                    case "rw" -> { }
                    case "bind" -> flags |= Syscalls.MS_BIND;
                    case "rbind" -> flags |= Syscalls.MS_BIND | Syscalls.MS_REC;
                    default -> data.add(o);
                }
            }
            if (m.type().equals("bind")) {
                flags |= Syscalls.MS_BIND | Syscalls.MS_REC;
            }
            Syscalls.mount(m.source(), target, m.type(), flags, data.isEmpty() ? null : String.join(",", data));
        }
    }

    static void unmount(Path target) {
        while (isMounted(target)) {
            try {
                Syscalls.umount(target, Syscalls.MNT_DETACH);
            } catch (IOException e) {
                return;
            }
        }
    }

    static boolean isMounted(Path target) {
        try {
            String t = target.toRealPath().toString();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && unescape(f[4]).equals(t)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    /** Makes the working directory in the root when the image lacks it, as Docker does. */
    static void prepareWorkdir(Container c, Path rootfs) throws IOException {
        String wd = c.config().workingDir();
        if (!wd.isEmpty() && !wd.equals("/")) {
            if (!wd.startsWith("/")) {
                throw EngineException.invalid("the working directory '" + wd + "' is invalid, it needs to be an absolute path");
            }
            Path dir = SecurePaths.resolve(rootfs, wd.substring(1));
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
        }
    }
}
