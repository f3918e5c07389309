package dev.gantry.vulndb.osv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.vulndb.SeverityRating;
import dev.gantry.vulndb.cvss.SeverityPicker;
import dev.gantry.vulndb.osv.OsvAdvisory.Affected;
import dev.gantry.vulndb.osv.OsvAdvisory.Event;
import dev.gantry.vulndb.osv.OsvAdvisory.Kind;
import dev.gantry.vulndb.osv.OsvAdvisory.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one OSV record (schema 1.x) into an {@link OsvAdvisory}, refusing one without the fields matching needs
 * (an id, affected packages with an ecosystem and a name, events with exactly one kind each). Fields it does not
 * use are not checked.
 */
public final class OsvParser {
    /** Summaries are kept to this length; the details are not kept at all. */
    public static final int SUMMARY_CHARS = 500;
    private static final int MAX_FIELD_CHARS = 1024;

    private OsvParser() {
    }

    public static OsvAdvisory parse(JsonNode record) {
        if (!record.isObject()) {
            throw new IllegalArgumentException("an OSV record must be a JSON object");
        }
        String id = text(record, "id", true);
        try {
            SeverityRating top = SeverityPicker.pick(record.get("severity"), record.get("database_specific"))
                    .orElse(SeverityRating.none());
            List<Affected> affected = new ArrayList<>();
            for (JsonNode a : array(record, "affected")) {
                affected.add(affected(a, top));
            }
            List<String> aliases = new ArrayList<>();
            for (JsonNode alias : array(record, "aliases")) {
                aliases.add(element(alias, "aliases[]"));
            }
            boolean withdrawn = record.hasNonNull("withdrawn");
            return new OsvAdvisory(id, record.path("modified").asText(""), withdrawn, aliases, summary(record),
                    affected);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(id + ": " + e.getMessage(), e);
        }
    }

    private static Affected affected(JsonNode a, SeverityRating top) {
        JsonNode pkg = a.path("package");
        if (!pkg.isObject()) {
            throw new IllegalArgumentException("affected[] without a package");
        }
        String ecosystem = text(pkg, "ecosystem", true);
        String name = text(pkg, "name", true);
        List<Range> ranges = new ArrayList<>();
        for (JsonNode r : array(a, "ranges")) {
            String type = text(r, "type", true);
            if (!type.equals("SEMVER") && !type.equals("ECOSYSTEM")) {
                continue;
            }
            List<Event> events = new ArrayList<>();
            for (JsonNode e : array(r, "events")) {
                events.add(event(e));
            }
            ranges.add(new Range(type, events));
        }
        List<String> versions = new ArrayList<>();
        for (JsonNode v : array(a, "versions")) {
            versions.add(element(v, "versions[]"));
        }
        SeverityRating severity = SeverityPicker.pick(a.get("severity"), a.get("database_specific")).orElse(top);
        if (severity.level() == dev.gantry.vulndb.Severity.UNKNOWN && top.level() != dev.gantry.vulndb.Severity.UNKNOWN) {
            severity = top;
        }
        return new Affected(ecosystem, name, ranges, versions, severity);
    }

    private static Event event(JsonNode e) {
        Event found = null;
        for (Kind kind : Kind.values()) {
            if (e.has(kind.field())) {
                if (found != null) {
                    throw new IllegalArgumentException("an event with more than one of introduced, fixed, "
                            + "last_affected, limit");
                }
                found = new Event(kind, text(e, kind.field(), true));
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("an event without introduced, fixed, last_affected or limit");
        }
        return found;
    }

    private static String summary(JsonNode record) {
        String summary = record.path("summary").asText("").strip();
        if (summary.isEmpty()) {
            summary = record.path("details").asText("").strip().lines().findFirst().orElse("");
        }
        return summary.length() > SUMMARY_CHARS ? summary.substring(0, SUMMARY_CHARS - 3) + "..." : summary;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(field + " must be an array");
        }
        return value;
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException("missing or empty " + field);
            }
            return "";
        }
        return bounded(value.asText(), field);
    }

    private static String element(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must hold strings");
        }
        return bounded(value.asText(), field);
    }

    private static String bounded(String value, String field) {
        if (value.length() > MAX_FIELD_CHARS) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_FIELD_CHARS + " characters");
        }
        return value;
    }
}
