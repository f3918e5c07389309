package dev.gantry.core.logs;

/**
 * What {@code docker logs} asks for, in core terms: which lines (the last {@code tail} whole lines, those written
 * in {@code [since, until]}, of the chosen streams), whether to go on with new ones, and how to present each line.
 *
 * @param since   nanoseconds since the epoch; {@link Long#MIN_VALUE} for no bound
 * @param until   nanoseconds since the epoch; {@link Long#MAX_VALUE} for no bound (only then does following go on)
 * @param tail    how many whole lines from the end; negative for all
 * @param details the log's attributes ({@code k=v,...}) put before each line as dockerd's {@code details} does;
 *                null when not asked for
 */
public record LogQuery(long since, long until, int tail, boolean stdout, boolean stderr, boolean follow,
                       boolean timestamps, String details) {

    /** Everything, once, as written. */
    public static LogQuery all() {
        return new LogQuery(Long.MIN_VALUE, Long.MAX_VALUE, -1, true, true, false, false, null);
    }

    boolean wants(LogRecord r) {
        if (r.stream() == LogRecord.STDERR ? !stderr : !stdout) {
            return false;
        }
        long t = r.nanos();
        return t >= since && t <= until;
    }

    /** Following goes on only without an end time, as before. */
    boolean following() {
        return follow && until == Long.MAX_VALUE;
    }
}
