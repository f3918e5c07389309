package dev.gantry.vulndb.cvss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.vulndb.Severity;
import dev.gantry.vulndb.SeverityRating;
import java.util.Optional;

/**
 * An OSV record's (or affected entry's) severity: the base score of its CVSS vector when it has one that scores
 * (v4.0 first, then v3.x, as the newer standard describes the vulnerability better), else the database's own
 * word in {@code database_specific.severity}, else none.
 */
public final class SeverityPicker {
    private SeverityPicker() {
    }

    /** The rating from a {@code severity[]} array and a {@code database_specific} object, either possibly missing. */
    public static Optional<SeverityRating> pick(JsonNode severities, JsonNode databaseSpecific) {
        Optional<SeverityRating> v4 = cvss(severities, "CVSS_V4");
        if (v4.isPresent()) {
            return v4;
        }
        Optional<SeverityRating> v3 = cvss(severities, "CVSS_V3");
        if (v3.isPresent()) {
            return v3;
        }
        if (databaseSpecific != null && databaseSpecific.path("severity").isTextual()) {
            Severity level = Severity.ofWord(databaseSpecific.path("severity").asText());
            if (level != Severity.UNKNOWN) {
                return Optional.of(SeverityRating.databaseSpecific(level));
            }
        }
        return Optional.empty();
    }

    private static Optional<SeverityRating> cvss(JsonNode severities, String type) {
        if (severities == null || !severities.isArray()) {
            return Optional.empty();
        }
        for (JsonNode s : severities) {
            if (type.equals(s.path("type").asText()) && s.path("score").isTextual()) {
                String vector = s.path("score").asText();
                try {
                    double score = type.equals("CVSS_V4") ? Cvss4.baseScore(vector) : Cvss3.baseScore(vector);
                    return Optional.of(SeverityRating.cvss(type, vector, score));
                } catch (IllegalArgumentException unscorable) {
                    // a vector that does not score is no severity: fall through to the next source
                }
            }
        }
        return Optional.empty();
    }
}
