package dev.gantry.core.system;

import dev.gantry.spi.host.CgroupLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Facts about the host that {@code docker version} and {@code docker info} report. Read once at start: none
 * of them change while the engine runs.
 */
public record HostInfo(String hostname, String kernelVersion, String operatingSystem, String osVersion,
                       String architecture, int cpus, long memTotal, CgroupLayout cgroups, boolean ipv4Forwarding) {

    public static HostInfo read() {
        Map<String, String> os = osRelease(Path.of("/etc/os-release"));
        return new HostInfo(
                firstLine(Path.of("/proc/sys/kernel/hostname"), "localhost"),
                firstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")),
                os.getOrDefault("PRETTY_NAME", "Linux"),
                os.getOrDefault("VERSION_ID", ""),
                unameMachine(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(),
                memTotal(Path.of("/proc/meminfo")),
                CgroupLayout.current(),
                "1".equals(firstLine(Path.of("/proc/sys/net/ipv4/ip_forward"), "0")));
    }

    /** Docker reports {@code uname -m}; Java says amd64 where uname says x86_64. */
    static String unameMachine(String javaArch) {
        return switch (javaArch) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> javaArch;
        };
    }

    /** The Go-style architecture name that {@code docker version} shows ({@code amd64}). */
    public String goArch() {
        return switch (architecture) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> architecture;
        };
    }

    static Map<String, String> osRelease(Path file) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"|\"$", ""));
                }
            }
        } catch (IOException e) {
            // no os-release: report the generic name
        }
        return values;
    }

    static long memTotal(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static String firstLine(Path file, String fallback) {
        try {
            return Files.readAllLines(file).stream().findFirst().map(String::strip).orElse(fallback);
        } catch (IOException e) {
            return fallback;
        }
    }
}
