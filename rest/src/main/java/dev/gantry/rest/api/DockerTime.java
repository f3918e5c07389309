package dev.gantry.rest.api;

import dev.gantry.core.EngineException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
                throw EngineException.invalid("invalid timestamp: " + s);
            }
        }
    }

    private static final Pattern GO_DURATION = Pattern.compile("([-+]?)((?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:ns|us|µs|ms|s|m|h))+)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    /**
     * A time as the CLI and dockerd take it for {@code until} ({@code timetypes.GetTimestamp}): a Go duration
     * before {@code reference} ({@code 24h}, {@code 1h30m}), an RFC 3339 time or date (without a zone: the
     * engine's), or unix seconds with an optional fraction.
     */
    public static Instant instant(String value, Instant reference) {
        Matcher d = GO_DURATION.matcher(value);
        if (!value.equals("0") && d.matches()) {
            Duration ago = goDuration(d.group(2));
            return reference.minus(d.group(1).equals("-") ? ago.negated() : ago);
        }
        try {
            if (value.contains("-")) {
                return rfc3339(value);
            }
            long n = nanos(value, 0);
            return Instant.ofEpochSecond(0, n);
        } catch (DateTimeParseException | IllegalArgumentException | EngineException e) {
            throw EngineException.invalid("failed to parse value as time or duration: \"" + value + "\"");
        }
    }

    private static Duration goDuration(String s) {
        Matcher m = DURATION_PART.matcher(s);
        double nanos = 0;
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            nanos += v * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
        }
        return Duration.ofNanos((long) nanos);
    }

    private static Instant rfc3339(String value) {
        boolean zoned = value.chars().anyMatch(c -> c == 'z' || c == 'Z' || c == '+') || value.chars().filter(c -> c == '-').count() == 3;
        String v = value.replace('z', 'Z');
        if (!v.contains("T")) {
            return zoned ? OffsetDateTime.parse(v.replaceFirst("^(\\d{4}-\\d{2}-\\d{2})", "$1T00:00:00")).toInstant()
                    : LocalDate.parse(v).atStartOfDay(ZoneId.systemDefault()).toInstant();
        }
        // Go accepts the hour alone, or hours and minutes, after the T
        String time = v.substring(v.indexOf('T') + 1).replaceAll("(Z|[+-]\\d{2}:\\d{2})$", "");
        String zone = v.substring(v.indexOf('T') + 1 + time.length());
        int colons = (int) time.chars().filter(c -> c == ':').count();
        String full = v.substring(0, v.indexOf('T') + 1) + time + (colons == 0 ? ":00:00" : colons == 1 ? ":00" : "") + zone;
        return zoned ? OffsetDateTime.parse(full, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                : LocalDateTime.parse(full).atZone(ZoneId.systemDefault()).toInstant();
    }
}
