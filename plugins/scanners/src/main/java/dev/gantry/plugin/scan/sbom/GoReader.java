package dev.gantry.plugin.scan.sbom;

import dev.gantry.plugin.scan.support.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Go binaries: the main module and the dependencies recorded in their build information. */
final class GoReader {
    private GoReader() {
    }

    static boolean wants(java.nio.file.attribute.BasicFileAttributes a, Path file) {
        if (a.size() < 1024 || a.size() > Limits.BINARY_BYTES) {
            return false;
        }
        try {
            return java.nio.file.Files.getPosixFilePermissions(file, java.nio.file.LinkOption.NOFOLLOW_LINKS).stream()
                    .anyMatch(p -> p.name().endsWith("_EXECUTE"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static void read(Sink sink, Path file, String path, int layer) {
        try {
            GoBuildInfo.read(file).ifPresent(info -> {
                info.main().filter(m -> !m.version().isEmpty() && !m.version().equals("(devel)")).ifPresent(m -> add(sink, m, path, layer));
                info.deps().forEach(d -> add(sink, d, path, layer));
                sink.add("stdlib", info.goVersion().replaceFirst("^go", ""),
                        Purl.of("golang", null, "stdlib", info.goVersion().replaceFirst("^go", ""), Map.of()), "BSD-3-Clause", path, layer);
            });
        } catch (IOException | RuntimeException e) {
            sink.skipped(path, layer, "not a readable ELF file: " + e.getMessage());
        }
    }

    private static void add(Sink sink, GoBuildInfo.Module m, String path, int layer) {
        int slash = m.path().lastIndexOf('/');
        String ns = slash > 0 ? m.path().substring(0, slash) : null;
        String name = slash > 0 ? m.path().substring(slash + 1) : m.path();
        sink.add(m.path(), m.version(), Purl.of("golang", ns, name, m.version(), Map.of()), null, path, layer);
    }
}
