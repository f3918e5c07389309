package dev.gantry.core.registry;

/**
 * The byte count of one layer's transfer, reported at most every 100 ms: each report is a line flushed to the
 * client, and the CLI redraws no faster, so reporting every megabyte only spent the transfer's time on flushes.
 */
final class ByteProgress {
    private static final long INTERVAL_NANOS = 100_000_000L;

    private final Progress progress;
    private final String id;
    private final String status;
    private final long total;
    private long seen;
    private long last = System.nanoTime();

    /** @param total the expected bytes, or -1 when unknown */
    ByteProgress(Progress progress, String id, String status, long total) {
        this.progress = progress;
        this.id = id;
        this.status = status;
        this.total = total;
    }

    void add(long bytes) {
        if (bytes <= 0) {
            return;
        }
        seen += bytes;
        long now = System.nanoTime();
        if (now - last >= INTERVAL_NANOS) {
            last = now;
            progress.item(id, status, seen, total);
        }
    }

    long seen() {
        return seen;
    }
}
