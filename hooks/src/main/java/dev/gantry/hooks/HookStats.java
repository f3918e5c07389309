package dev.gantry.hooks;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** One file's counts by outcome, its recent call durations (for p50 and p99) and its last error. Kept across reloads. */
public final class HookStats {
    private static final int WINDOW = 1024;
    private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    private final long[] micros = new long[WINDOW];
    private int next;
    private int filled;
    private String lastError;

    public synchronized void record(Outcome outcome, Duration took, Optional<String> error) {
        counts.merge(outcome, 1L, Long::sum);
        micros[next] = took.toNanos() / 1000;
        next = (next + 1) % WINDOW;
        filled = Math.min(filled + 1, WINDOW);
        error.ifPresent(e -> lastError = e);
    }

    public synchronized Map<Outcome, Long> counts() {
        Map<Outcome, Long> all = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            all.put(o, counts.getOrDefault(o, 0L));
        }
        return all;
    }

    /** The q-quantile (0..1) of the last calls' durations in microseconds, empty before the first call. */
    public synchronized Optional<Long> quantileMicros(double q) {
        if (filled == 0) {
            return Optional.empty();
        }
        long[] sorted = Arrays.copyOf(micros, filled);
        Arrays.sort(sorted);
        int i = (int) Math.ceil(q * filled) - 1;
        return Optional.of(sorted[Math.max(0, Math.min(filled - 1, i))]);
    }

    public synchronized Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }
}
