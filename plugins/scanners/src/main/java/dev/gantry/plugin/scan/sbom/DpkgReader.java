package dev.gantry.plugin.scan.sbom;

import dev.gantry.plugin.scan.support.LayerOrigin;
import dev.gantry.plugin.scan.support.Limits;
import dev.gantry.plugin.scan.support.RootFiles;
import dev.gantry.spi.scan.ImageView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Debian and Ubuntu packages: {@code /var/lib/dpkg/status} (packages whose state is not {@code not-installed}
 * or {@code config-files}) and {@code /var/lib/dpkg/status.d/*} (one file per package, as distroless images
 * keep them, no state field).
 */
final class DpkgReader {
    static final String STATUS = "/var/lib/dpkg/status";
    static final String STATUS_D = "/var/lib/dpkg/status.d";
    private static final Set<String> GONE = Set.of("not-installed", "config-files");

    private DpkgReader() {
    }

    static void read(Sink sink) {
        ImageView view = sink.view;
        RootFiles top = new RootFiles(view.rootfs());
        Map<Integer, Set<String>> perLayer = new HashMap<>();
        for (Map<String, String> p : status(top, sink, true)) {
            String key = p.get("Package") + "=" + p.get("Version");
            int layer = LayerOrigin.ofEntry(view, l -> perLayer.computeIfAbsent(l.index(),
                    i -> keys(status(new RootFiles(l.root()), null, false))).contains(key));
            add(sink, p, STATUS, layer);
        }
        top.directory(STATUS_D).ifPresent(dir -> {
            try (var files = Files.list(dir)) {
                for (Path f : files.sorted().limit(Limits.DATABASE_ENTRIES).toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".md5sums") || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    String path = STATUS_D + "/" + name;
                    for (Map<String, String> p : paragraphs(f, path, sink)) {
                        if (p.containsKey("Package") && p.containsKey("Version")) {
                            add(sink, p, path, LayerOrigin.ofFile(view, path));
                        }
                    }
                }
            } catch (IOException e) {
                sink.skipped(STATUS_D, null, "cannot list " + STATUS_D + ": " + e.getMessage());
            }
        });
    }

    private static Set<String> keys(List<Map<String, String>> ps) {
        Set<String> s = new HashSet<>();
        ps.forEach(p -> s.add(p.get("Package") + "=" + p.get("Version")));
        return s;
    }

    /** The installed packages of a root's status file; {@code report} says whether a refusal becomes a finding. */
    private static List<Map<String, String>> status(RootFiles root, Sink sink, boolean report) {
        return root.regular(STATUS).map(f -> paragraphs(f, STATUS, report ? sink : null)).orElse(List.of()).stream()
                .filter(p -> p.containsKey("Package") && p.containsKey("Version") && installed(p.get("Status")))
                .toList();
    }

    static boolean installed(String status) {
        if (status == null) {
            return false;
        }
        String[] w = status.trim().split("\\s+");
        return w.length == 3 && !GONE.contains(w[2]);
    }

    private static List<Map<String, String>> paragraphs(Path f, String path, Sink sink) {
        try {
            String text = new String(RootFiles.read(f, Limits.DATABASE_BYTES), StandardCharsets.UTF_8);
            List<Map<String, String>> ps = Stanzas.parse(text, Limits.DATABASE_ENTRIES);
            if (ps.size() >= Limits.DATABASE_ENTRIES && sink != null) {
                sink.skipped(path, null, path + " holds more than " + Limits.DATABASE_ENTRIES + " packages: the rest is not read");
            }
            return ps;
        } catch (IOException e) {
            if (sink != null) {
                sink.skipped(path, null, "not read: " + e.getMessage());
            }
            return List.of();
        }
    }

    private static void add(Sink sink, Map<String, String> p, String file, int layer) {
        String name = p.get("Package");
        String version = p.get("Version");
        String source = p.getOrDefault("Source", "").split("\\s")[0];
        Map<String, String> q = new LinkedHashMap<>();
        q.put("arch", p.get("Architecture"));
        sink.os.ifPresent(os -> q.put("distro", os.distro()));
        if (!source.isEmpty() && !source.equals(name)) {
            q.put("upstream", source);
        }
        String ns = sink.os.map(OsRelease::id).filter(id -> id.equals("ubuntu")).orElse("debian");
        sink.add(name, version, Purl.of("deb", ns, name, version, q), null, file, layer);
    }
}
