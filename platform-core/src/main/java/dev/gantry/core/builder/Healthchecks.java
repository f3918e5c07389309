package dev.gantry.core.builder;

import dev.gantry.core.image.RunConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** HEALTHCHECK [--interval=D --timeout=D --start-period=D --start-interval=D --retries=N] CMD ... | NONE. */
final class Healthchecks {
    private Healthchecks() {
    }

    static RunConfig.Healthcheck parse(Instruction i) {
        String[] parts = i.args().strip().split("\\s+", 2);
        String kind = parts[0].toUpperCase(Locale.ROOT);
        if (kind.equals("NONE")) {
            return new RunConfig.Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0);
        }
        if (!kind.equals("CMD") || parts.length < 2) {
            throw new DockerfileParser.ParseError(i.line(), "Unknown type \"" + parts[0] + "\" in HEALTHCHECK (try CMD)");
        }
        List<String> test = new ArrayList<>();
        if (i.json().isPresent()) {
            test.add("CMD");
            test.addAll(i.json().get());
        } else {
            test.add("CMD-SHELL");
            test.add(parts[1]);
        }
        long interval = 0;
        long timeout = 0;
        long startPeriod = 0;
        long startInterval = 0;
        int retries = 0;
        for (Map.Entry<String, String> f : i.flags().entrySet()) {
            switch (f.getKey()) {
                case "interval" -> interval = nanos(f.getValue(), i);
                case "timeout" -> timeout = nanos(f.getValue(), i);
                case "start-period" -> startPeriod = nanos(f.getValue(), i);
                case "start-interval" -> startInterval = nanos(f.getValue(), i);
                case "retries" -> retries = Integer.parseInt(f.getValue());
                default -> throw new DockerfileParser.ParseError(i.line(), "Unknown flag: " + f.getKey());
            }
        }
        return new RunConfig.Healthcheck(test, interval, timeout, startPeriod, startInterval, retries);
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
