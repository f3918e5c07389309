package dev.gantry.core.container;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's health as inspect's {@code State.Health} shows it: status, consecutive failures, and the last
 * five probe results.
 */
public record Health(String status, int failingStreak, List<Probe> log) {
    public static final String STARTING = "starting";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";

    public Health {
        log = List.copyOf(log);
    }

    /** One probe: when it ran, its exit code and the start of its output. */
    public record Probe(Instant start, Instant end, int exitCode, String output) {
    }

    public static Health starting() {
        return new Health(STARTING, 0, List.of());
    }

    public Health stopped() {
        return new Health(UNHEALTHY.equals(status) ? status : STARTING, failingStreak, log);
    }

    /** The health after one more probe, given how many failures in a row make it unhealthy. */
    public Health after(Probe probe, int retries, boolean inStartPeriod) {
        List<Probe> next = new ArrayList<>(log);
        next.add(probe);
        while (next.size() > 5) {
            next.removeFirst();
        }
        if (probe.exitCode() == 0) {
            return new Health(HEALTHY, 0, next);
        }
        if (inStartPeriod && !HEALTHY.equals(status)) {
            return new Health(status, failingStreak, next);
        }
        int streak = failingStreak + 1;
        return new Health(streak >= retries ? UNHEALTHY : status, streak, next);
    }
}
