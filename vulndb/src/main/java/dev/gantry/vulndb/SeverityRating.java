package dev.gantry.vulndb;

import java.util.Optional;

/**
 * An advisory's severity and where it came from.
 *
 * @param level  the qualitative rating
 * @param source {@code CVSS_V3} or {@code CVSS_V4} when computed from a vector's base score,
 *               {@code database_specific} when taken from the database's own word, {@code none} when the
 *               advisory gave neither
 * @param vector the CVSS vector the score was computed from, when the source is a CVSS one
 * @param score  the CVSS base score, 0.0-10.0, when the source is a CVSS one
 */
public record SeverityRating(Severity level, String source, Optional<String> vector, Optional<Double> score) {
    public static final String CVSS_V3 = "CVSS_V3";
    public static final String CVSS_V4 = "CVSS_V4";
    public static final String DATABASE_SPECIFIC = "database_specific";
    public static final String NONE = "none";

    public static SeverityRating none() {
        return new SeverityRating(Severity.UNKNOWN, NONE, Optional.empty(), Optional.empty());
    }

    public static SeverityRating cvss(String source, String vector, double score) {
        return new SeverityRating(Severity.ofScore(score), source, Optional.of(vector), Optional.of(score));
    }

    public static SeverityRating databaseSpecific(Severity level) {
        return new SeverityRating(level, DATABASE_SPECIFIC, Optional.empty(), Optional.empty());
    }
}
