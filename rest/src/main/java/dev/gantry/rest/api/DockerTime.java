package dev.gantry.rest.api;

import java.time.Instant;

/**
 * Docker's time parameters ({@code since}, {@code until}): unix seconds with an optional fraction
 * ({@code 1700000000.123456789}), or an RFC 3339 time; as nanoseconds since the epoch.
 */
public final class DockerTime {
    private DockerTime() {
    }

    public static long nanos(String s, long absent) {
        if (s == null || s.isBlank()) {
            return absent;
        }
        try {
            String[] parts = s.split("\\.", 2);
            long nanos = Long.parseLong(parts[0]) * 1_000_000_000L;
            if (parts.length == 2) {
                nanos += Long.parseLong((parts[1] + "000000000").substring(0, 9));
            }
            return nanos;
        } catch (NumberFormatException e) {
            try {
                Instant t = Instant.parse(s);
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            } catch (RuntimeException bad) {
                throw new IllegalArgumentException("invalid timestamp: " + s);
            }
        }
    }
}
