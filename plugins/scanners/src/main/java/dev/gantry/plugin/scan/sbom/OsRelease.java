package dev.gantry.plugin.scan.sbom;

import dev.gantry.plugin.scan.support.Limits;
import dev.gantry.plugin.scan.support.RootFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The image's operating system from {@code /etc/os-release} (else {@code /usr/lib/os-release}).
 *
 * @param id        {@code ID}: debian, ubuntu, alpine, rocky...
 * @param versionId {@code VERSION_ID}: 12, 22.04, 3.19.1
 * @param pretty    {@code PRETTY_NAME}
 * @param file      the file it was read from
 */
public record OsRelease(String id, String versionId, String pretty, String version, String file) {
    static final int CAP = 64 * 1024;

    public static Optional<OsRelease> read(RootFiles root) {
        for (String path : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            Optional<Path> p = root.regular(path);
            if (p.isEmpty()) {
                continue;
            }
            try {
                Map<String, String> v = parse(new String(RootFiles.read(p.get(), Math.min(CAP, Limits.DATABASE_BYTES)),
                        StandardCharsets.UTF_8));
                String id = v.getOrDefault("ID", "").toLowerCase(java.util.Locale.ROOT);
                if (!id.isEmpty()) {
                    return Optional.of(new OsRelease(id, v.getOrDefault("VERSION_ID", ""),
                            v.getOrDefault("PRETTY_NAME", id), v.getOrDefault("VERSION", ""), path));
                }
            } catch (IOException e) {
                // unreadable or too large: no OS known
            }
        }
        return Optional.empty();
    }

    static Map<String, String> parse(String text) {
        Map<String, String> v = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) {
                continue;
            }
            String val = line.substring(eq + 1).strip();
            if (val.length() >= 2 && (val.startsWith("\"") && val.endsWith("\"") || val.startsWith("'") && val.endsWith("'"))) {
                val = val.substring(1, val.length() - 1);
            }
            v.put(line.substring(0, eq).strip(), val);
        }
        return v;
    }

    /** The distro qualifier of purls: {@code debian-12}. */
    public String distro() {
        return versionId.isEmpty() ? id : id + "-" + versionId;
    }
}
