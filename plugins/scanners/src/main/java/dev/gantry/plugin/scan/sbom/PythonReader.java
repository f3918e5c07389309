package dev.gantry.plugin.scan.sbom;

import dev.gantry.plugin.scan.support.Limits;
import dev.gantry.plugin.scan.support.RootFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Python distributions: {@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO} and {@code *.egg-info} files. */
final class PythonReader {
    private static final long CAP = 4L << 20;

    private PythonReader() {
    }

    static boolean wants(String path) {
        return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO") || path.endsWith(".egg-info");
    }

    static void read(Sink sink, Path file, String path, int layer) {
        Map<String, String> h;
        try {
            h = Stanzas.header(new String(RootFiles.read(file, Math.min(CAP, Limits.DATABASE_BYTES)), StandardCharsets.UTF_8));
        } catch (IOException e) {
            sink.skipped(path, layer, "not read: " + e.getMessage());
            return;
        }
        String name = h.get("Name");
        String version = h.get("Version");
        if (name == null || version == null || name.isBlank() || version.isBlank()) {
            return;
        }
        sink.add(name, version, dev.gantry.plugin.scan.sbom.Purl.of("pypi", null, normal(name), version, Map.of()),
                licence(h), path, layer);
    }

    /** PEP 503's normal form, which purl's pypi type uses. */
    static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static String licence(Map<String, String> h) {
        String expr = h.get("License-Expression");
        if (expr != null && !expr.isBlank()) {
            return expr;
        }
        String lic = h.get("License");
        if (lic != null && !lic.isBlank() && !lic.equalsIgnoreCase("UNKNOWN") && lic.length() < 200 && !lic.contains("\n")) {
            return lic;
        }
        String cls = h.getOrDefault("Classifier", "");
        for (String c : cls.split("\n")) {
            if (c.startsWith("License :: ")) {
                String[] parts = c.split(" :: ");
                return parts[parts.length - 1];
            }
        }
        return null;
    }
}
