package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The offline vulnerability database against a real engine: {@code scripts/gantry vulndb import} of an OSV JSON
 * file and an osv.dev-style archive, {@code GET /gantry/v1/vulndb}, hostile and malformed uploads refused with
 * Docker's error form while the database stays as it was, and the database surviving a restart.
 */
class VulnDbIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String record(String id, String ecosystem, String name, String fixed) {
        return """
                {"id": "%s", "modified": "2024-05-01T00:00:00Z", "aliases": ["CVE-2024-%s"],
                 "summary": "test advisory", "affected": [{"package": {"ecosystem": "%s", "name": "%s"},
                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}
                """.formatted(id, id.hashCode() & 0xffff, ecosystem, name, fixed);
    }

    private static void zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); var zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static GantryProcess.Result launcher(GantryProcess g, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(GantryProcess.TOP.resolve("scripts/gantry").toString(), "vulndb"));
        cmd.addAll(List.of(args));
        cmd.add(3, "--socket");
        cmd.add(4, g.socket.toString());
        return GantryProcess.run(cmd, Map.of());
    }

    private static JsonNode status(GantryProcess g) throws IOException, InterruptedException {
        var r = g.curl("/gantry/v1/vulndb");
        assertEquals(0, r.code(), r.out());
        return JSON.readTree(r.out());
    }

    /** POSTs a file with curl; answers the status code and the body. */
    private static String[] post(GantryProcess g, Path file) throws IOException, InterruptedException {
        var r = g.curl("/gantry/v1/vulndb?name=" + file.getFileName(), "-X", "POST", "-w", "\n%{http_code}",
                "-H", "Content-Type: application/octet-stream", "--data-binary", "@" + file);
        int nl = r.out().lastIndexOf('\n');
        return new String[] {r.out().substring(nl + 1), r.out().substring(0, nl)};
    }

    @Test
    void importsShowsRefusesAndKeeps() throws Exception {
        Path root = Files.createTempDirectory("gantry-e2e-");
        Path files = Files.createTempDirectory(root, "osv");
        String version;
        GantryProcess g = GantryProcess.startAt(root);
        try {
            JsonNode empty = status(g);
            assertEquals(0, empty.get("Advisories").asInt());
            assertTrue(empty.get("Sources").isEmpty());

            Path single = files.resolve("DSA-5000-1.json");
            Files.writeString(single, record("DSA-5000-1", "Debian:12", "openssl", "3.0.13-1~deb12u1"));
            Path archive = files.resolve("all.zip");
            zip(archive, Map.of(
                    "GHSA-aaaa-bbbb-cccc.json", utf8(record("GHSA-aaaa-bbbb-cccc", "PyPI", "requests", "2.32.0")),
                    "GHSA-dddd-eeee-ffff.json", utf8(record("GHSA-dddd-eeee-ffff", "PyPI", "urllib3", "1.26.19")),
                    "README.txt", utf8("not a record: skipped")));
            var imported = launcher(g, "import", single.toString(), archive.toString());
            assertEquals(0, imported.code(), imported.out());
            assertTrue(imported.out().contains("DSA-5000-1.json: 1 advisories"), imported.out());
            assertTrue(imported.out().contains("all.zip: 2 advisories"), imported.out());

            JsonNode s = status(g);
            version = s.get("Version").asText();
            assertNotEquals("empty", version);
            assertEquals(3, s.get("Advisories").asInt());
            assertEquals(1, s.get("Ecosystems").get("Debian:12").asInt());
            assertEquals(2, s.get("Ecosystems").get("PyPI").asInt());
            assertEquals(2, s.get("Sources").size());
            assertEquals("DSA-5000-1.json", s.get("Sources").get(0).get("Name").asText());
            assertEquals("all.zip", s.get("Sources").get(1).get("Name").asText());
            assertEquals("PyPI", s.get("Sources").get(1).get("Ecosystems").get(0).asText());
            assertTrue(s.get("ImportedAt").asText().startsWith("20"), s.toString());

            // a zip bomb: 20 MiB of spaces in one entry, some 20 KiB on the wire
            Path bomb = files.resolve("bomb.zip");
            zip(bomb, Map.of("GHSA-bomb.json", utf8(" ".repeat(20 << 20))));
            String[] tooLarge = post(g, bomb);
            assertEquals("413", tooLarge[0], tooLarge[1]);
            assertTrue(JSON.readTree(tooLarge[1]).get("message").asText().contains("GHSA-bomb.json"), tooLarge[1]);

            // one malformed entry refuses the whole archive, and says which
            Path broken = files.resolve("broken.zip");
            zip(broken, Map.of("GHSA-good.json", utf8(record("GHSA-good", "npm", "lodash", "4.17.21")),
                    "GHSA-bad.json", utf8("{\"id\": \"GHSA-bad\", \"affected\": [")));
            String[] invalid = post(g, broken);
            assertEquals("400", invalid[0], invalid[1]);
            assertTrue(JSON.readTree(invalid[1]).get("message").asText().contains("GHSA-bad.json"), invalid[1]);
            var refused = launcher(g, "import", broken.toString());
            assertEquals(1, refused.code(), refused.out());
            assertTrue(refused.out().contains("GHSA-bad.json"), refused.out());

            Path notOsv = files.resolve("x.json");
            Files.writeString(notOsv, "[1, 2]");
            assertEquals("400", post(g, notOsv)[0]);

            JsonNode after = status(g);
            assertEquals(version, after.get("Version").asText(), "refused imports change nothing");
            assertEquals(3, after.get("Advisories").asInt());
            assertTrue(after.get("Ecosystems").path("npm").isMissingNode(), after.toString());
        } catch (Throwable t) {
            g.close();
            throw t;
        }
        // SIGTERM keeps the root for the restart; closing would remove it
        g.terminate();
        try (GantryProcess again = GantryProcess.startAt(root)) {
            JsonNode s = status(again);
            assertEquals(version, s.get("Version").asText(), "the database is kept in the data root");
            assertEquals(3, s.get("Advisories").asInt());
            var shown = launcher(again, "status");
            assertEquals(0, shown.code(), shown.out());
            assertTrue(shown.out().contains("\"Version\":\"" + version + "\""), shown.out());
        }
    }

    @Test
    void anEngineKilledMidImportKeepsThePreviousDatabase() throws Exception {
        Path root = Files.createTempDirectory("gantry-e2e-");
        Path files = Files.createTempDirectory(root, "osv");
        Path small = files.resolve("small.json");
        Files.writeString(small, record("GHSA-small", "npm", "left-pad", "1.3.0"));
        // big enough that importing it takes seconds even on an idle machine
        Path big = files.resolve("big.zip");
        var entries = new java.util.LinkedHashMap<String, byte[]>();
        for (int i = 0; i < 50_000; i++) {
            entries.put("GHSA-" + i + ".json", utf8(record("GHSA-" + i, "npm", "pkg" + (i % 5000), "1." + i + ".0")));
        }
        zip(big, entries);
        String version;
        GantryProcess g = GantryProcess.startAt(root);
        try {
            assertEquals(0, launcher(g, "import", small.toString()).code());
            version = status(g).get("Version").asText();
            Process upload = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "--unix-socket", g.socket.toString(),
                    "-X", "POST", "--data-binary", "@" + big, "http://d/gantry/v1/vulndb?name=big.zip")
                    .redirectErrorStream(true).start();
            Thread.sleep(1500);
            assertEquals(version, status(g).get("Version").asText(), "the import is still running");
            g.kill();
            upload.waitFor();
        } catch (Throwable t) {
            g.close();
            throw t;
        }
        try (GantryProcess again = GantryProcess.startAt(root)) {
            JsonNode s = status(again);
            assertEquals(version, s.get("Version").asText(), "nothing of the killed import is visible");
            assertEquals(1, s.get("Advisories").asInt());
            assertEquals(1, s.get("Sources").size());
            assertEquals(0, launcher(again, "import", small.toString()).code(), "and the database takes imports");
        }
    }
}
