package dev.gantry.rest.scan.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.scan.ScanResult;
import dev.gantry.spi.scan.Finding;

/** Gantry's own JSON of a scan ({@code GET /gantry/v1/images/{name}/scan}, the shape SHAPES.md fixes). */
public final class ScanReport {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ScanReport() {
    }

    public static ObjectNode write(ScanResult r) {
        ObjectNode o = F.objectNode();
        o.put("ImageID", r.imageId());
        head(o, r);
        ArrayNode pkgs = o.putArray("Packages");
        for (Finding f : r.packages()) {
            ObjectNode p = pkgs.addObject();
            p.put("Type", f.id().startsWith("os:") ? "os" : purlType(f.pkg().purl()));
            p.put("Name", f.pkg().name());
            p.put("Version", f.pkg().version());
            p.put("Purl", f.pkg().purl());
            p.put("License", f.pkg().licence());
            p.put("File", f.file());
            p.put("Layer", f.layer());
        }
        ArrayNode findings = o.putArray("Findings");
        r.issues().forEach(f -> findings.add(finding(f)));
        return o;
    }

    /** {@code Created}, {@code DatabaseVersion}, {@code Scanners} and {@code Summary}: the report without its lists. */
    public static ObjectNode summary(ScanResult r) {
        return head(F.objectNode(), r);
    }

    private static ObjectNode head(ObjectNode o, ScanResult r) {
        o.put("Created", r.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        o.put("DatabaseVersion", r.databaseVersion());
        ArrayNode scanners = o.putArray("Scanners");
        r.scanners().forEach(scanners::add);
        ObjectNode summary = o.putObject("Summary");
        r.summary().forEach(summary::put);
        return o;
    }

    static String purlType(String purl) {
        int slash = purl == null ? -1 : purl.indexOf('/');
        return slash > 4 ? purl.substring(4, slash) : "unknown";
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode n = F.objectNode();
        n.put("Type", f.type().name());
        n.put("ID", f.id());
        n.put("Severity", f.severity());
        n.put("Title", f.title());
        n.put("Location", f.location());
        if (f.pkg() != null) {
            n.putObject("Package").put("Name", f.pkg().name()).put("Version", f.pkg().version()).put("Purl", f.pkg().purl());
        }
        putIf(n, "File", f.file());
        if (f.layer() != null) {
            n.put("Layer", f.layer());
        }
        if (f.line() != null) {
            n.put("Line", f.line());
        }
        putIf(n, "FixedVersion", f.fixedVersion());
        if (!f.aliases().isEmpty()) {
            ArrayNode a = n.putArray("Aliases");
            f.aliases().forEach(a::add);
        }
        putIf(n, "MaskedValue", f.maskedValue());
        putIf(n, "Fix", f.fix());
        if (f.historyStep() != null) {
            n.put("HistoryStep", f.historyStep());
        }
        return n;
    }

    private static void putIf(ObjectNode n, String k, String v) {
        if (v != null) {
            n.put(k, v);
        }
    }
}
