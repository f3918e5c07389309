package dev.gantry.rest.e2e;

import static dev.gantry.rest.e2e.NetworksIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Image scanning end to end, against {@code scripts/gantry serve} and through the real docker CLI with the
 * {@code docker-scan} plugin: images made from this machine's real package databases, an OSV fixture, planted
 * secrets (one deleted by a later layer), hostile images, and the SARIF / CycloneDX / SPDX outputs.
 */
class ScanIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;
    private static Path cliConfig;
    private static GantryProcess g;
    private static String bashVersion;
    private static String keyId;
    private static String secretKey;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("gantry-e2e-");
        bashVersion = GantryProcess.run(List.of("dpkg-query", "-W", "-f", "${Version}", "bash"), Map.of()).out().strip();
        g = GantryProcess.startAt(root);
        Path fixture = Files.writeString(root.resolve("fixture.json"), osvFixture());
        ok(GantryProcess.run(List.of(GantryProcess.TOP.resolve("scripts/gantry").toString(), "vulndb", "import",
                "--socket", root.resolve("gantry.sock").toString(), fixture.toString()), Map.of()));
        cliConfig = Files.createDirectories(root.resolve("cli/cli-plugins")).getParent();
        Files.createSymbolicLink(cliConfig.resolve("cli-plugins/docker-scan"),
                GantryProcess.TOP.resolve("scripts/cli-plugins/docker-scan"));
        ok(g.docker("load", "-i", TestImages.busybox().toString()));
        ok(g.docker("import", ScanImages.packages(root).toString(), "scan-packages"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (g != null) {
            g.close();
        }
    }

    /** Debian's advisory shape: one fixed above the installed bash (reported), one fixed below it (not). */
    private static String osvFixture() throws Exception {
        String eco = "Debian:" + osVersionId();
        return "[" + advisory("DSA-9999-1", "CVE-2099-0001", eco, "bash", bashVersion + "+gantry1") + ","
                + advisory("DSA-9999-2", "CVE-2099-0002", eco, "bash", "1.0-1") + "]";
    }

    private static String advisory(String id, String cve, String eco, String pkg, String fixed) {
        return """
                {"schema_version":"1.6.0","id":"%s","modified":"2026-01-01T00:00:00Z","aliases":["%s"],
                 "summary":"%s: test advisory","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                 "affected":[{"package":{"ecosystem":"%s","name":"%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}
                """.formatted(id, cve, pkg, eco, pkg, fixed);
    }

    private static String osVersionId() throws Exception {
        for (String l : Files.readAllLines(Path.of("/etc/os-release"))) {
            if (l.startsWith("VERSION_ID=")) {
                return l.substring(11).replace("\"", "");
            }
        }
        throw new IllegalStateException("no VERSION_ID in /etc/os-release");
    }

    private static GantryProcess.Result scan(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(GantryProcess.dockerCli(), "scan"));
        cmd.addAll(List.of(args));
        return GantryProcess.run(cmd, Map.of("DOCKER_HOST", "unix://" + root.resolve("gantry.sock"),
                "DOCKER_CONFIG", cliConfig.toString()));
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static List<JsonNode> packages(JsonNode report, String type) {
        List<JsonNode> out = new ArrayList<>();
        report.path("Packages").forEach(p -> {
            if (p.path("Type").asText().equals(type)) {
                out.add(p);
            }
        });
        return out;
    }

    @Test
    void sbomCountsWhatThePackageManagersCount() throws Exception {
        JsonNode r = json(ok(scan("--format", "json", "--scanners", "sbom", "scan-packages")));
        int dpkg = ScanImages.lines(GantryProcess.run(List.of("dpkg-query", "-W"), Map.of()).out()).size();
        assertEquals(dpkg, packages(r, "deb").size(), "dpkg-query -W counts " + dpkg);
        String python = ok(GantryProcess.run(List.of("python3", "-c",
                "import importlib.metadata as m; print(len(list(m.distributions(path=['" + ScanImages.PYTHON + "']))))"), Map.of()));
        long distInfo = ScanImages.distInfos().size();
        assertTrue(distInfo > 0 && distInfo <= Long.parseLong(python.strip()));
        assertEquals(distInfo, packages(r, "pypi").size());
        assertEquals(List.of("busybox 1.36.1-r15 GPL-2.0-only", "libcrypto3 3.1.4-r5 Apache-2.0", "musl 1.2.4_git20230717-r4 MIT"),
                packages(r, "apk").stream().map(p -> p.path("Name").asText() + " " + p.path("Version").asText() + " "
                        + p.path("License").asText()).sorted().toList());
        assertTrue(packages(r, "maven").stream().anyMatch(p -> p.path("Purl").asText()
                .equals("pkg:maven/org.apache.commons/commons-compress@1.28.0")), r.toString());
        assertEquals(1, packages(r, "os").size());
        for (JsonNode p : r.path("Packages")) {
            assertEquals(0, p.path("Layer").asInt(-1), "one layer brought everything: " + p);
        }
    }

    @Test
    void vulnerabilityWithItsFixedVersionAndNoneBelow() throws Exception {
        JsonNode r = json(ok(scan("--format", "json", "--scanners", "vulns", "scan-packages")));
        List<JsonNode> vulns = new ArrayList<>();
        r.path("Findings").forEach(f -> {
            if (f.path("Type").asText().equals("VULNERABILITY")) {
                vulns.add(f);
            }
        });
        assertEquals(1, vulns.size(), r.path("Findings").toString());
        JsonNode v = vulns.getFirst();
        assertEquals("DSA-9999-1", v.path("ID").asText());
        assertEquals("CRITICAL", v.path("Severity").asText());
        assertEquals(bashVersion + "+gantry1", v.path("FixedVersion").asText());
        assertEquals(bashVersion, v.path("Package").path("Version").asText());
        assertEquals("CVE-2099-0001", v.path("Aliases").get(0).asText());
        assertFalse(r.path("DatabaseVersion").isNull());
        assertEquals(1, r.path("Summary").path("CRITICAL").asInt());
        String table = ok(scan("scan-packages"));
        assertTrue(table.contains("CRITICAL (1)") && table.contains("DSA-9999-1") && table.contains(bashVersion + "+gantry1"), table);
    }

    /** {@code examples/hooks/deny-critical.js} in the default hooks dir reads {@code req.image.scan}, the last scan. */
    @Test
    void denyCriticalHookDeniesAnImageWhoseLastScanHasCriticalFindings() throws Exception {
        Path hook = Files.createDirectories(root.resolve("data/hooks")).resolve("deny-critical.js");
        Files.copy(GantryProcess.TOP.resolve("examples/hooks/deny-critical.js"), hook);
        try {
            JsonNode loaded = json(ok(g.curl("/gantry/v1/hooks/reload", "-X", "POST", "-m", "120")));
            assertEquals(1, loaded.size(), loaded.toString());
            assertEquals("deny-critical active", loaded.get(0).path("Name").asText() + " " + loaded.get(0).path("State").asText());
            JsonNode scanned = json(ok(g.curl("/gantry/v1/images/scan-packages/scan?scanners=vulns", "-X", "POST", "-m", "120")));
            assertEquals(1, scanned.path("Summary").path("CRITICAL").asInt(), scanned.path("Summary").toString());
            GantryProcess.Result denied = g.docker("run", "--rm", "scan-packages", "true");
            assertEquals(125, denied.code(), denied.out());
            assertTrue(denied.out().contains("denied by hook deny-critical: image scan-packages has 1 critical finding"), denied.out());
            ok(g.docker("import", ScanImages.tar(root.resolve("unscanned.tar"), t -> ScanImages.file(t, "etc/motd", "x\n".getBytes()))
                    .toString(), "scan-unscanned"));
            ok(g.docker("create", "--name", "scan-unscanned-ctr", "scan-unscanned", "true"));
            ok(g.docker("rm", "scan-unscanned-ctr"));
            JsonNode clean = json(ok(g.curl("/gantry/v1/images/busybox/scan", "-X", "POST", "-m", "120")));
            assertEquals(0, clean.path("Summary").path("CRITICAL").asInt(), clean.path("Summary").toString());
            ok(g.docker("run", "--rm", "busybox", "true"));
        } finally {
            Files.delete(hook);
            ok(g.curl("/gantry/v1/hooks/reload", "-X", "POST", "-m", "120"));
        }
    }

    @Test
    void exitCodeFollowsTheSeveritiesAsked() throws Exception {
        assertEquals(1, scan("--exit-code", "1", "--severity", "CRITICAL", "scan-packages").code());
        assertEquals(0, scan("--exit-code", "1", "--severity", "CRITICAL", "busybox").code());
        assertEquals(0, scan("--severity", "CRITICAL", "scan-packages").code(), "no --exit-code: 0");
    }

    @Test
    void secretsAreFoundMaskedWithTheirLayerEvenWhenDeleted() throws Exception {
        SecureRandom rnd = new SecureRandom();
        String b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder id = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            id.append(b32.charAt(rnd.nextInt(32)));
        }
        keyId = id.toString();
        String b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";
        StringBuilder sk = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sk.append(b64.charAt(rnd.nextInt(64)));
        }
        secretKey = sk.toString();
        Path ctx = Files.createDirectories(root.resolve("secrets-ctx"));
        ok(GantryProcess.run(List.of("openssl", "genpkey", "-algorithm", "ed25519", "-out", ctx.resolve("key.pem").toString()), Map.of()));
        String pem = Files.readString(ctx.resolve("key.pem"));
        Files.writeString(ctx.resolve("credentials"), "[default]\naws_access_key_id = " + keyId
                + "\naws_secret_access_key = " + secretKey + "\n");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nCOPY key.pem /root/key.pem\n"
                + "COPY credentials /root/.aws/credentials\nRUN rm /root/key.pem\n");
        ok(g.docker("build", "-q", "-t", "scan-secrets", ctx.toString()));
        String out = ok(scan("--format", "json", "--scanners", "secrets", "scan-secrets"));
        JsonNode r = json(out);
        assertFalse(out.contains(secretKey) || out.contains(keyId) || out.contains(pem.split("\n")[1]), "nothing in clear");
        JsonNode key = find(r, "private-key", "/root/key.pem");
        assertEquals(1, key.path("Layer").asInt(), "the COPY over busybox's one layer");
        assertTrue(key.path("Title").asText().contains("removed"), key.toString());
        assertEquals(1, key.path("Line").asInt());
        JsonNode akid = find(r, "aws-access-key-id", "/root/.aws/credentials");
        assertEquals(2, akid.path("Layer").asInt());
        assertEquals(2, akid.path("Line").asInt());
        assertEquals(keyId.substring(0, 4) + "********", akid.path("MaskedValue").asText());
        JsonNode secret = find(r, "aws-secret-access-key", "/root/.aws/credentials");
        assertEquals(3, secret.path("Line").asInt());
        assertNotEquals(secretKey, secret.path("MaskedValue").asText());
    }

    private static JsonNode find(JsonNode r, String id, String file) {
        for (JsonNode f : r.path("Findings")) {
            if (f.path("ID").asText().equals(id) && f.path("File").asText().equals(file)) {
                return f;
            }
        }
        throw new AssertionError(id + " at " + file + " not in " + r.path("Findings"));
    }

    @Test
    void sarifOfBusyboxIsSarif210() throws Exception {
        JsonNode s = json(ok(scan("--format", "sarif", "busybox")));
        SarifShape.check(s);
        assertTrue(s.path("runs").get(0).path("results").size() >= 1, "root user at least");
    }

    @Test
    void cycloneDxIsValidAgainstItsSchemaAndSpdxHasItsShape() throws Exception {
        Path out = root.resolve("bom.json");
        ok(scan("--format", "cyclonedx", "--output", out.toString(), "scan-packages"));
        byte[] bom = Files.readAllBytes(out);
        assertEquals(List.of(), new JsonParser().validate(bom, Version.VERSION_16));
        JsonNode b = json(new String(bom, StandardCharsets.UTF_8));
        assertEquals("1.6", b.path("specVersion").asText());
        assertTrue(b.path("vulnerabilities").size() == 1 && b.path("components").size() > 100);
        JsonNode spdx = json(ok(scan("--format", "spdx", "scan-packages")));
        SarifShape.checkSpdx(spdx);
    }

    @Test
    void hostileImagesAreRefusedCleanly() throws Exception {
        ok(g.docker("import", ScanImages.hostile(root).toString(), "scan-hostile"));
        String out = ok(g.curl("/gantry/v1/images/scan-hostile/scan?scanners=sbom,secrets,config", "-X", "POST", "-m", "120"));
        JsonNode r = json(out);
        List<String> skipped = new ArrayList<>();
        r.path("Findings").forEach(f -> {
            if (f.path("Type").asText().equals("SKIPPED")) {
                skipped.add(f.path("File").asText() + ": " + f.path("Title").asText());
            }
        });
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("/opt/bomb.jar: ") && s.contains("zip bomb")), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("/lib/apk/db/installed: ") && s.contains("larger than")), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("/usr/lib/sysimage/rpm/rpmdb.sqlite: ")), skipped.toString());
        assertEquals(0, packages(r, "deb").size(), "nothing from the garbage status, nothing from the host's: " + r.path("Packages"));
        assertEquals("OK", ok(g.curl("/_ping")), "the engine is well");
    }

    @Test
    void getAnswersTheLastScanAnd404BeforeWithEventsSpansAndMetrics() throws Exception {
        String none = ok(g.curl("/gantry/v1/images/scan-never/scan", "-w", " %{http_code}"));
        assertTrue(none.endsWith(" 404"), none);
        ok(g.docker("import", ScanImages.tar(root.resolve("empty.tar"), t -> ScanImages.file(t, "etc/motd", "hi\n".getBytes()))
                .toString(), "scan-never"));
        String before = ok(g.curl("/gantry/v1/images/scan-never/scan", "-w", " %{http_code}"));
        assertTrue(before.endsWith(" 404") && before.contains("no scan of image scan-never"), before);
        ok(g.curl("/gantry/v1/images/scan-never/scan?scanners=config", "-X", "POST"));
        JsonNode last = json(ok(g.curl("/gantry/v1/images/scan-never/scan")));
        assertEquals(List.of("config"), JSON.convertValue(last.path("Scanners"), List.class));
        assertEquals(1, last.path("Summary").path("HIGH").asInt(), "runs as root");
        String bad = ok(g.curl("/gantry/v1/images/scan-never/scan?scanners=nope", "-X", "POST", "-w", " %{http_code}"));
        assertTrue(bad.endsWith(" 400") && bad.contains("unknown scanner nope"), bad);
        String events = ok(g.docker("events", "--since", "0", "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "type=image", "--filter", "event=scan", "--format", "{{.Actor.Attributes.name}} {{.Actor.Attributes.high}}"));
        assertTrue(events.contains("scan-never:latest 1"), events);
        String metrics = ok(g.curl("/metrics"));
        assertTrue(metrics.contains("gantry_scan_seconds_count{scanner=\"config\"}"), "per-scanner timer");
        assertTrue(metrics.contains("gantry_scan_findings_total{severity=\"HIGH\"}"), "findings by severity");
        java.util.Set<String> spans = new java.util.HashSet<>();
        for (JsonNode t : json(ok(g.curl("/gantry/v1/traces")))) {
            if (t.path("Name").asText().contains("/scan")) {
                json(ok(g.curl("/gantry/v1/traces/" + t.path("TraceId").asText()))).path("Spans")
                        .forEach(sp -> spans.add(sp.path("Name").asText()));
            }
        }
        assertTrue(spans.containsAll(List.of("image.scan", "scan.config", "scan.layer")), spans.toString());
    }
}
