package dev.gantry.plugin.network;

import dev.gantry.spi.plugin.PluginException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the host's network tools (ip, iptables) and turns their failures into plugin errors with their words. */
final class HostCommands {
    record Result(int code, String out) {
        boolean ok() {
            return code == 0;
        }
    }

    private HostCommands() {
    }

    static Result run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw PluginException.failed("cannot run " + cmd.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PluginException.failed("interrupted running " + cmd.getFirst(), e);
        }
    }

    /** Runs a tool in batch mode with {@code commands} on its stdin; fails unless all of them worked. */
    static void batch(List<String> cmd, String commands) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write((commands + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw PluginException.failed(String.join(" ", cmd) + ": " + out.strip(), null);
            }
        } catch (IOException e) {
            throw PluginException.failed("cannot run " + cmd.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PluginException.failed("interrupted running " + cmd.getFirst(), e);
        }
    }

    /** Runs and fails unless it worked. */
    static String must(List<String> cmd) {
        Result r = run(cmd);
        if (!r.ok()) {
            throw PluginException.failed(String.join(" ", cmd) + ": " + r.out().strip(), null);
        }
        return r.out();
    }
}
