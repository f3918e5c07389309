package dev.gantry.spi.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs host commands for the kits (mount, umount). Kits run as root on a real kernel, as Gantry does. */
public final class HostTools {
    private HostTools() {
    }

    public static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Performs one {@link dev.gantry.spi.storage.Mount} at {@code target}. */
    public static void mount(dev.gantry.spi.storage.Mount m, Path target) {
        List<String> cmd = new ArrayList<>(List.of("mount"));
        if (!m.type().equals("bind")) {
            cmd.addAll(List.of("-t", m.type()));
        }
        List<String> opts = new ArrayList<>(m.options());
        if (m.type().equals("bind") && opts.stream().noneMatch(o -> o.equals("bind") || o.equals("rbind"))) {
            opts.add("rbind");
        }
        if (!opts.isEmpty()) {
            cmd.addAll(List.of("-o", String.join(",", opts)));
        }
        cmd.add(m.source());
        cmd.add(target.toString());
        run(cmd);
    }

    public static void umount(Path target) {
        run(List.of("umount", target.toString()));
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
