package dev.gantry.tui.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a Prometheus text page ({@code /metrics}), summed over their labels: enough to show the engine's
 * request counts, operation times and JVM use without a chart.
 */
public record Metrics(Map<String, Double> values) {

    public static Metrics parse(String text) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // name{labels} value [timestamp] [# exemplar]: label values may hold spaces, so skip the braces first
            int brace = line.indexOf('{');
            int firstSpace = line.indexOf(' ');
            int nameEnd = brace > 0 && (firstSpace < 0 || brace < firstSpace) ? brace : firstSpace;
            if (nameEnd <= 0) {
                continue;
            }
            int valueStart = nameEnd == brace ? line.indexOf('}', brace) + 1 : nameEnd;
            if (valueStart <= 0) {
                continue;
            }
            String[] rest = line.substring(valueStart).strip().split("\\s+");
            try {
                double v = Double.parseDouble(rest[0]);
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    sums.merge(line.substring(0, nameEnd), v, Double::sum);
                }
            } catch (NumberFormatException e) {
                // not a sample line: skip it
            }
        }
        return new Metrics(Map.copyOf(sums));
    }

    /** The lines to show: Gantry's own figures, requests, and the process's CPU and memory. */
    public List<String[]> shown() {
        List<String[]> out = new ArrayList<>();
        values.entrySet().stream()
                .filter(e -> e.getKey().startsWith("gantry_") || e.getKey().startsWith("http_server_requests_seconds_")
                        || e.getKey().equals("process_cpu_usage") || e.getKey().equals("jvm_memory_used_bytes")
                        || e.getKey().equals("jvm_threads_live_threads") || e.getKey().equals("system_load_average_1m"))
                .filter(e -> !e.getKey().endsWith("_bucket"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(new String[] {e.getKey(), format(e.getValue())}));
        return out;
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
