package dev.gantry.plugin.scan.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.spi.json.Json;
import dev.gantry.plugin.scan.support.RootFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** npm packages: {@code node_modules/NAME/package.json} and {@code node_modules/@SCOPE/NAME/package.json}. */
final class NpmReader {
    private static final long CAP = 1L << 20;
    private static final ObjectMapper JSON = Json.MAPPER;

    private NpmReader() {
    }

    static boolean wants(String path) {
        if (!path.endsWith("/package.json")) {
            return false;
        }
        String[] p = path.split("/");
        int n = p.length;
        return n >= 3 && p[n - 3].equals("node_modules") && !p[n - 2].startsWith("@")
                || n >= 4 && p[n - 4].equals("node_modules") && p[n - 3].startsWith("@");
    }

    static void read(Sink sink, Path file, String path, int layer) {
        JsonNode j;
        try {
            j = JSON.readTree(RootFiles.read(file, CAP));
        } catch (IOException e) {
            sink.skipped(path, layer, "not read: " + e.getMessage());
            return;
        }
        String name = j.path("name").asText("");
        String version = j.path("version").asText("");
        if (name.isEmpty() || version.isEmpty()) {
            return;
        }
        String ns = null;
        String bare = name;
        if (name.startsWith("@") && name.contains("/")) {
            ns = name.substring(0, name.indexOf('/'));
            bare = name.substring(name.indexOf('/') + 1);
        }
        JsonNode lic = j.path("license");
        String licence = lic.isTextual() ? lic.asText() : lic.path("type").asText(null);
        sink.add(name, version, Purl.of("npm", ns, bare, version, Map.of()), licence, path, layer);
    }
}
