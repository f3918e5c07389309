package dev.gantry.core.registry;

import java.util.Map;

/**
 * Where a pull or push reports what it does, in the terms of Docker's progress stream: plain status lines, and
 * per-layer lines keyed by a short layer id. Implementations must be thread-safe: layers move in parallel.
 */
public interface Progress {
    void status(String status);

    /** A status for one item (a layer, or a tag); {@code current}/{@code total} are bytes, or -1 when unknown. */
    void item(String id, String status, long current, long total);

    /** Structured results a client may read ({@code aux} in Docker's stream). */
    default void aux(Map<String, Object> values) {
    }

    Progress NONE = new Progress() {
        @Override
        public void status(String status) {
        }

        @Override
        public void item(String id, String status, long current, long total) {
        }
    };
}
