package dev.gantry.core.builder;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** HEALTHCHECK [--interval=D --timeout=D --start-period=D --start-interval=D --retries=N] CMD ... | NONE. */
final class Healthchecks {
    private Healthchecks() {
    }

    static ObjectNode parse(Instruction i, ObjectNode config) {
        ObjectNode hc = JsonNodeFactory.instance.objectNode();
        String[] parts = i.args().strip().split("\\s+", 2);
        String kind = parts[0].toUpperCase(Locale.ROOT);
        ArrayNode test = hc.putArray("Test");
        if (kind.equals("NONE")) {
            test.add("NONE");
            return hc;
        }
        if (!kind.equals("CMD") || parts.length < 2) {
            throw new DockerfileParser.ParseError(i.line(), "Unknown type \"" + parts[0] + "\" in HEALTHCHECK (try CMD)");
        }
        if (i.json().isPresent()) {
            test.add("CMD");
            i.json().get().forEach(test::add);
        } else {
            test.add("CMD-SHELL").add(parts[1]);
        }
        for (Map.Entry<String, String> f : i.flags().entrySet()) {
            switch (f.getKey()) {
                case "interval" -> hc.put("Interval", nanos(f.getValue(), i));
                case "timeout" -> hc.put("Timeout", nanos(f.getValue(), i));
                case "start-period" -> hc.put("StartPeriod", nanos(f.getValue(), i));
                case "start-interval" -> hc.put("StartInterval", nanos(f.getValue(), i));
                case "retries" -> hc.put("Retries", Integer.parseInt(f.getValue()));
                default -> throw new DockerfileParser.ParseError(i.line(), "Unknown flag: " + f.getKey());
            }
        }
        return hc;
    }

    /** Go durations as Docker writes them: 30s, 1m30s, 500ms, 1h. */
    static long nanos(String text, Instruction i) {
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)").matcher(text);
        long total = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            double v = Double.parseDouble(m.group(1));
            Duration unit = switch (m.group(2)) {
                case "ns" -> Duration.ofNanos(1);
                case "us", "µs" -> Duration.ofNanos(1000);
                case "ms" -> Duration.ofMillis(1);
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                default -> Duration.ofHours(1);
            };
            total += (long) (v * unit.toNanos());
            end = m.end();
        }
        if (end != text.length() || text.isEmpty()) {
            throw new DockerfileParser.ParseError(i.line(), "time: invalid duration \"" + text + "\"");
        }
        return total;
    }
}
