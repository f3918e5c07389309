package dev.gantry.rest.scan.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.scan.ScanResult;
import dev.gantry.spi.scan.Finding;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** A scan as a CycloneDX 1.6 JSON BOM: the image as the subject, packages as components, vulnerabilities. */
public final class CycloneDx {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CycloneDx() {
    }

    public static ObjectNode write(ScanResult r, String name, String toolVersion) {
        ObjectNode o = F.objectNode();
        o.put("bomFormat", "CycloneDX");
        o.put("specVersion", "1.6");
        o.put("serialNumber", "urn:uuid:" + UUID.nameUUIDFromBytes((r.cacheKey() + r.created()).getBytes()));
        o.put("version", 1);
        ObjectNode meta = o.putObject("metadata");
        meta.put("timestamp", r.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        meta.putObject("tools").putArray("components").addObject().put("type", "application")
                .put("name", "gantry").put("version", toolVersion);
        meta.putObject("component").put("type", "container").put("bom-ref", r.imageId()).put("name", name)
                .put("version", r.imageId());
        ArrayNode comps = o.putArray("components");
        Map<String, Integer> seen = new HashMap<>();
        Map<Finding.Pkg, String> refs = new HashMap<>();
        for (Finding f : r.packages()) {
            Finding.Pkg p = f.pkg();
            String base = p.purl() != null ? p.purl() : f.id();
            int n = seen.merge(base, 1, Integer::sum);
            String ref = n == 1 ? base : base + "#" + n;
            refs.putIfAbsent(p, ref);
            ObjectNode c = comps.addObject();
            c.put("type", f.id().startsWith("os:") ? "operating-system" : "library");
            c.put("bom-ref", ref);
            c.put("name", p.name());
            c.put("version", p.version());
            if (p.purl() != null) {
                c.put("purl", p.purl());
            }
            if (p.licence() != null) {
                c.putArray("licenses").addObject().putObject("license").put("name", p.licence());
            }
            ArrayNode props = c.putArray("properties");
            if (f.file() != null) {
                props.addObject().put("name", "gantry:file").put("value", f.file());
            }
            if (f.layer() != null) {
                props.addObject().put("name", "gantry:layer").put("value", f.layer().toString());
            }
        }
        ArrayNode vulns = o.putArray("vulnerabilities");
        int i = 0;
        for (Finding f : r.issues()) {
            if (f.type() != Finding.Type.VULNERABILITY) {
                continue;
            }
            ObjectNode v = vulns.addObject();
            v.put("bom-ref", "vuln-" + (++i));
            v.put("id", f.id());
            v.putObject("source").put("name", "OSV");
            v.putArray("ratings").addObject().put("severity", f.severity().toLowerCase(Locale.ROOT)).put("method", "other");
            v.put("description", f.title());
            if (f.fixedVersion() != null) {
                v.put("recommendation", "Upgrade " + f.pkg().name() + " to " + f.fixedVersion());
            }
            ArrayNode refsNode = v.putArray("references");
            f.aliases().forEach(a -> refsNode.addObject().put("id", a).putObject("source").put("name", "OSV"));
            if (refsNode.isEmpty()) {
                v.remove("references");
            }
            String ref = f.pkg() == null ? null : refs.get(f.pkg());
            if (ref != null) {
                v.putArray("affects").addObject().put("ref", ref);
            }
        }
        return o;
    }
}
