package dev.gantry.vulndb;

/**
 * The qualitative severity of an advisory, ordered from the worst. CVSS scores map onto it by the CVSS
 * specification's rating scale (9.0-10.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low); a score of 0.0
 * ("None") and an advisory that gives no usable severity are {@link #UNKNOWN}.
 */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN;

    /** The rating of a CVSS base score (v3.x and v4.0 share the scale). */
    public static Severity ofScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        return score > 0.0 ? LOW : UNKNOWN;
    }

    /**
     * A database's own word for a severity (GHSA's "MODERATE", Debian's "unimportant", ...), or UNKNOWN for
     * one it does not know.
     */
    public static Severity ofWord(String word) {
        if (word == null) {
            return UNKNOWN;
        }
        return switch (word.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "CRITICAL" -> CRITICAL;
            case "HIGH", "IMPORTANT" -> HIGH;
            case "MEDIUM", "MODERATE" -> MEDIUM;
            case "LOW", "MINOR", "NEGLIGIBLE", "UNIMPORTANT" -> LOW;
            default -> UNKNOWN;
        };
    }
}
