package dev.gantry.hooks;

import java.time.Duration;

/**
 * When a hook's {@code onSchedule} runs: {@code @every N(s|m|h)}, {@code @hourly} or {@code @daily}, counted from
 * the time the file was loaded (no wall-clock alignment: a restart or an edit starts the count again).
 */
public record Schedule(String spec, Duration period) {
    public static Schedule parse(String spec) {
        String s = spec.trim();
        return switch (s) {
            case "@hourly" -> new Schedule(s, Duration.ofHours(1));
            case "@daily" -> new Schedule(s, Duration.ofDays(1));
            default -> {
                if (!s.startsWith("@every ")) {
                    throw new IllegalArgumentException("schedule '" + spec + "' is not @every N(s|m|h), @hourly or @daily");
                }
                Duration d = Durations.parse(s.substring("@every ".length()));
                if (d.toMillis() < 1000) {
                    throw new IllegalArgumentException("schedule '" + spec + "' is shorter than a second");
                }
                yield new Schedule(s, d);
            }
        };
    }
}
