package dev.gantry.core.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * conmon's line times ({@code 2024-01-01T10:00:00.123456789+00:00}) to nanoseconds, and back in dockerd's
 * {@code RFC3339NanoFixed} ({@code 2024-01-01T10:00:00.123456789Z}). Lines come many a second, so the
 * date-and-zone part is parsed once per second and only the fraction per line: a log of short lines reads at disk
 * speed instead of at {@code OffsetDateTime.parse} speed.
 */
final class LogTimes {
    static final long INVALID = Long.MIN_VALUE;
    private static final int SECOND = 19; // yyyy-MM-ddTHH:mm:ss
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private byte[] cachedKey = new byte[0];
    private long cachedSeconds;
    private long formattedSecond = Long.MIN_VALUE;
    private final byte[] formatted = new byte[SECOND + 12]; // seconds, '.', 9 digits, 'Z', ' '

    /** The time in {@code b[from, to)}, or {@link #INVALID}. */
    long parse(byte[] b, int from, int to) {
        if (to - from < SECOND + 1) {
            return INVALID;
        }
        int i = from + SECOND;
        long fraction = 0;
        int digits = 0;
        if (b[i] == '.') {
            for (i++; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                if (digits < 9) {
                    fraction = fraction * 10 + (b[i] - '0');
                    digits++;
                }
            }
            if (digits == 0) {
                return INVALID;
            }
        }
        for (int d = digits; d < 9; d++) {
            fraction *= 10;
        }
        long seconds = seconds(b, from, i, to);
        return seconds == INVALID ? INVALID : seconds * 1_000_000_000L + fraction;
    }

    /** Epoch seconds of the date-time {@code b[from, from+19)} in the zone {@code b[zone, to)}. */
    private long seconds(byte[] b, int from, int zone, int to) {
        int keyLength = SECOND + (to - zone);
        if (cachedKey.length == keyLength && Arrays.equals(cachedKey, 0, SECOND, b, from, from + SECOND)
                && Arrays.equals(cachedKey, SECOND, keyLength, b, zone, to)) {
            return cachedSeconds;
        }
        byte[] key = new byte[keyLength];
        System.arraycopy(b, from, key, 0, SECOND);
        System.arraycopy(b, zone, key, SECOND, to - zone);
        try {
            cachedSeconds = OffsetDateTime.parse(new String(key, StandardCharsets.US_ASCII)).toEpochSecond();
        } catch (RuntimeException e) {
            return INVALID;
        }
        cachedKey = key;
        return cachedSeconds;
    }

    /** dockerd's {@code RFC3339NanoFixed} of {@code nanos} and a space, in a buffer reused by the next call. */
    byte[] format(long nanos) {
        long second = Math.floorDiv(nanos, 1_000_000_000L);
        long fraction = Math.floorMod(nanos, 1_000_000_000L);
        if (second != formattedSecond) {
            byte[] s = SECONDS.format(Instant.ofEpochSecond(second)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, formatted, 0, SECOND);
            formatted[SECOND] = '.';
            formatted[SECOND + 10] = 'Z';
            formatted[SECOND + 11] = ' ';
            formattedSecond = second;
        }
        for (int i = SECOND + 9; i > SECOND; i--) {
            formatted[i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        return formatted;
    }
}
