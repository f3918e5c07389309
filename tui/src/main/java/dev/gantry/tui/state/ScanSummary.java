package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;

/** The counts of an image's last scan ({@code /gantry/v1/images/{name}/scan} or an {@code image scan} event). */
public record ScanSummary(int critical, int high, int medium, int low, int unknown) {

    public static ScanSummary fromReport(JsonNode report) {
        JsonNode s = report.path("Summary");
        return new ScanSummary(s.path("CRITICAL").asInt(), s.path("HIGH").asInt(), s.path("MEDIUM").asInt(),
                s.path("LOW").asInt(), s.path("UNKNOWN").asInt());
    }

    public static ScanSummary fromEventAttributes(JsonNode a) {
        return new ScanSummary(a.path("critical").asInt(), a.path("high").asInt(), a.path("medium").asInt(),
                a.path("low").asInt(), a.path("unknown").asInt());
    }

    /** "C1 H2 M0 L4", or "clean". */
    public String text() {
        if (critical + high + medium + low + unknown == 0) {
            return "clean";
        }
        return "C" + critical + " H" + high + " M" + medium + " L" + low + (unknown > 0 ? " U" + unknown : "");
    }
}
