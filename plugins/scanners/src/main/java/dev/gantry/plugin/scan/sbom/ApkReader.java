package dev.gantry.plugin.scan.sbom;

import dev.gantry.plugin.scan.support.LayerOrigin;
import dev.gantry.plugin.scan.support.Limits;
import dev.gantry.plugin.scan.support.RootFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alpine packages from {@code /lib/apk/db/installed}: blank-line separated records of {@code K:value} lines
 * ({@code P} name, {@code V} version, {@code A} arch, {@code L} licence, {@code o} origin).
 */
final class ApkReader {
    static final String INSTALLED = "/lib/apk/db/installed";

    private ApkReader() {
    }

    static void read(Sink sink) {
        Map<Integer, Set<String>> perLayer = new HashMap<>();
        for (Map<String, String> p : records(new RootFiles(sink.view.rootfs()), sink)) {
            String name = p.get("P");
            String version = p.get("V");
            String key = name + "=" + version;
            int layer = LayerOrigin.ofEntry(sink.view, l -> perLayer.computeIfAbsent(l.index(), i -> {
                Set<String> s = new HashSet<>();
                records(new RootFiles(l.root()), null).forEach(r -> s.add(r.get("P") + "=" + r.get("V")));
                return s;
            }).contains(key));
            Map<String, String> q = new LinkedHashMap<>();
            q.put("arch", p.get("A"));
            sink.os.ifPresent(os -> q.put("distro", os.distro()));
            String origin = p.get("o");
            if (origin != null && !origin.equals(name)) {
                q.put("upstream", origin);
            }
            sink.add(name, version, Purl.of("apk", "alpine", name, version, q), p.get("L"), INSTALLED, layer);
        }
    }

    private static List<Map<String, String>> records(RootFiles root, Sink sink) {
        var f = root.regular(INSTALLED);
        if (f.isEmpty()) {
            return List.of();
        }
        String text;
        try {
            text = new String(RootFiles.read(f.get(), Limits.DATABASE_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (sink != null) {
                sink.skipped(INSTALLED, null, "not read: " + e.getMessage());
            }
            return List.of();
        }
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> cur = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (cur.containsKey("P") && cur.containsKey("V")) {
                    out.add(cur);
                    if (out.size() >= Limits.DATABASE_ENTRIES) {
                        break;
                    }
                }
                cur = new HashMap<>();
            } else if (line.length() >= 2 && line.charAt(1) == ':') {
                // the F:/R: lines list every file; only the package's own fields are kept
                String k = line.substring(0, 1);
                if ("PVALo".contains(k)) {
                    cur.put(k, line.substring(2));
                }
            }
        }
        if (cur.containsKey("P") && cur.containsKey("V") && out.size() < Limits.DATABASE_ENTRIES) {
            out.add(cur);
        }
        return out;
    }
}
