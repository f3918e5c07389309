package dev.gantry.vulndb.cvss;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The CVSS v3.0/v3.1 base score of a vector, by the v3.1 specification's equations (section 7.1) and its
 * Roundup (Appendix A). Temporal and environmental metrics in the vector are allowed and ignored: OSV's
 * severity is the base score.
 */
public final class Cvss3 {
    private static final Set<String> BASE = Set.of("AV", "AC", "PR", "UI", "S", "C", "I", "A");

    private Cvss3() {
    }

    /** The base score, 0.0-10.0; IllegalArgumentException for a vector that is not CVSS v3 or lacks a metric. */
    public static double baseScore(String vector) {
        Map<String, String> m = parse(vector);
        boolean changed = switch (m.get("S")) {
            case "U" -> false;
            case "C" -> true;
            default -> throw bad(vector, "S");
        };
        double av = switch (m.get("AV")) {
            case "N" -> 0.85;
            case "A" -> 0.62;
            case "L" -> 0.55;
            case "P" -> 0.2;
            default -> throw bad(vector, "AV");
        };
        double ac = switch (m.get("AC")) {
            case "L" -> 0.77;
            case "H" -> 0.44;
            default -> throw bad(vector, "AC");
        };
        double pr = switch (m.get("PR")) {
            case "N" -> 0.85;
            case "L" -> changed ? 0.68 : 0.62;
            case "H" -> changed ? 0.5 : 0.27;
            default -> throw bad(vector, "PR");
        };
        double ui = switch (m.get("UI")) {
            case "N" -> 0.85;
            case "R" -> 0.62;
            default -> throw bad(vector, "UI");
        };
        double iss = 1 - (1 - cia(m, "C", vector)) * (1 - cia(m, "I", vector)) * (1 - cia(m, "A", vector));
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) {
            return 0.0;
        }
        return changed ? roundUp(Math.min(1.08 * (impact + exploitability), 10))
                : roundUp(Math.min(impact + exploitability, 10));
    }

    private static double cia(Map<String, String> m, String metric, String vector) {
        return switch (m.get(metric)) {
            case "H" -> 0.56;
            case "L" -> 0.22;
            case "N" -> 0.0;
            default -> throw bad(vector, metric);
        };
    }

    /** The smallest number with one decimal that is at least the input, free of floating point noise. */
    static double roundUp(double value) {
        long scaled = Math.round(value * 100_000);
        if (scaled % 10_000 == 0) {
            return scaled / 100_000.0;
        }
        return (Math.floor(scaled / 10_000.0) + 1) / 10.0;
    }

    private static Map<String, String> parse(String vector) {
        String[] parts = vector.strip().split("/");
        if (parts.length < 9 || !(parts[0].equals("CVSS:3.0") || parts[0].equals("CVSS:3.1"))) {
            throw new IllegalArgumentException("not a CVSS v3 vector: " + clip(vector));
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split(":", 2);
            if (kv.length != 2 || m.put(kv[0], kv[1]) != null) {
                throw new IllegalArgumentException("not a CVSS v3 vector: " + clip(vector));
            }
        }
        for (String metric : BASE) {
            if (!m.containsKey(metric)) {
                throw new IllegalArgumentException("CVSS v3 vector without " + metric + ": " + clip(vector));
            }
        }
        return m;
    }

    private static IllegalArgumentException bad(String vector, String metric) {
        return new IllegalArgumentException("CVSS v3 vector with a bad " + metric + ": " + clip(vector));
    }

    static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
