package dev.gantry.rest.scan.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.scan.ScanResult;
import dev.gantry.spi.scan.Finding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The findings of a scan (not the packages) as a SARIF 2.1.0 log: one run, a rule per finding id, a result per
 * finding at its file and line in the image (or, for config and ENV findings, a logical location).
 */
public final class Sarif {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Sarif() {
    }

    public static ObjectNode write(ScanResult r, String name, String toolVersion) {
        ObjectNode o = F.objectNode();
        o.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        o.put("version", "2.1.0");
        ObjectNode run = o.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "gantry");
        driver.put("version", toolVersion);
        driver.put("informationUri", "https://gantry.dev/docs/scanning");
        ArrayNode rules = driver.putArray("rules");
        ArrayNode results = run.putArray("results");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Finding f : r.issues()) {
            if (f.type() == Finding.Type.SKIPPED) {
                continue;
            }
            Integer idx = ruleIndex.get(f.id());
            if (idx == null) {
                idx = ruleIndex.size();
                ruleIndex.put(f.id(), idx);
                ObjectNode rule = rules.addObject();
                rule.put("id", f.id());
                rule.put("name", f.type().name().toLowerCase(java.util.Locale.ROOT));
                rule.putObject("shortDescription").put("text", f.title());
                if (f.fix() != null) {
                    rule.putObject("help").put("text", f.fix());
                }
                rule.putObject("defaultConfiguration").put("level", level(f.severity()));
                rule.putObject("properties").put("security-severity", score(f.severity()))
                        .putArray("tags").add("security").add(f.type().name().toLowerCase(java.util.Locale.ROOT));
            }
            ObjectNode res = results.addObject();
            res.put("ruleId", f.id());
            res.put("ruleIndex", idx);
            res.put("level", level(f.severity()));
            res.putObject("message").put("text", message(f, name));
            ObjectNode loc = res.putArray("locations").addObject();
            if (f.file() != null) {
                ObjectNode pl = loc.putObject("physicalLocation");
                pl.putObject("artifactLocation").put("uri", f.file().replaceFirst("^/", "").replace("!", "%21"));
                if (f.line() != null) {
                    pl.putObject("region").put("startLine", f.line());
                }
            } else {
                loc.putArray("logicalLocations").addObject().put("name", f.location()).put("kind", "resource");
            }
        }
        return o;
    }

    private static String message(Finding f, String image) {
        StringBuilder b = new StringBuilder(f.title());
        if (f.pkg() != null) {
            b.append(" in ").append(f.pkg().name()).append(' ').append(f.pkg().version());
        }
        if (f.fixedVersion() != null) {
            b.append(", fixed in ").append(f.fixedVersion());
        }
        if (f.maskedValue() != null) {
            b.append(": ").append(f.maskedValue());
        }
        if (f.layer() != null) {
            b.append(" (layer ").append(f.layer()).append(')');
        }
        return b.append(" [").append(image).append(']').toString();
    }

    static String level(String severity) {
        return switch (severity) {
            case "CRITICAL", "HIGH" -> "error";
            case "MEDIUM" -> "warning";
            default -> "note";
        };
    }

    private static String score(String severity) {
        return switch (severity) {
            case "CRITICAL" -> "9.5";
            case "HIGH" -> "8.0";
            case "MEDIUM" -> "5.5";
            case "LOW" -> "2.0";
            default -> "0.0";
        };
    }
}
