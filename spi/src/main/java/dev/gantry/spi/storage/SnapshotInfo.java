package dev.gantry.spi.storage;

import java.util.Optional;

/**
 * @param key    the snapshot's key (active, view) or name (committed)
 * @param parent the committed snapshot this one is layered on, empty for a base layer
 * @param kind   its state
 */
public record SnapshotInfo(String key, Optional<String> parent, SnapshotKind kind) {
}
