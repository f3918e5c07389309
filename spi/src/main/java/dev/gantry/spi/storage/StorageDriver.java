package dev.gantry.spi.storage;

import dev.gantry.spi.plugin.Plugin;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A snapshotter, modelled on containerd's: a tree of filesystem snapshots, each layered on a committed parent.
 * Images' layers are committed snapshots; a container's root is an active snapshot over its image's top layer.
 *
 * <p>Ownership: the driver owns every file under its {@code stateDir}; nobody else writes there except through
 * the {@link Mount}s it returns. Keys are opaque strings chosen by the engine (they may contain {@code /} and
 * {@code :}), unique across all snapshot kinds.
 *
 * <p>Tar streams are not the driver's business: the engine applies and computes layer diffs on the mounts
 * returned here, translating deletions with {@link #deletionStyle()}. That keeps hostile-archive handling in
 * one place for every driver.
 *
 * <p>Failure: a method that throws leaves the snapshot set as it was before the call. After a crash, a snapshot
 * may be half prepared; {@link #init} must tolerate that and {@link #remove} must delete it.
 */
public interface StorageDriver extends Plugin {

    /**
     * Creates a writable snapshot {@code key} over the committed snapshot {@code parent} (or empty) and returns
     * the mounts that show it. Fails with {@code CONFLICT} when {@code key} exists and {@code NOT_FOUND} when the
     * parent does not exist or is not committed.
     */
    List<Mount> prepare(String key, Optional<String> parent);

    /** Like {@link #prepare} but read-only: a view of {@code parent} that cannot be committed. */
    List<Mount> view(String key, Optional<String> parent);

    /** The mounts of an existing active or view snapshot; {@code NOT_FOUND} otherwise. */
    List<Mount> mounts(String key);

    /**
     * Turns the active snapshot {@code key} into the committed snapshot {@code name}; {@code key} is gone after.
     * The content must not be mounted writable while this runs.
     */
    void commit(String name, String key);

    /**
     * Removes a snapshot of any kind. Idempotent: removing a missing key succeeds. Fails with {@code CONFLICT}
     * when other snapshots have it as parent.
     */
    void remove(String key);

    /** What a snapshot is; empty when it does not exist. */
    Optional<SnapshotInfo> stat(String key);

    /** Visits every snapshot. The set must not be changed by the visitor. */
    void walk(Consumer<SnapshotInfo> visitor);

    /** Disk use of the snapshot's own content; {@code NOT_FOUND} when missing. */
    Usage usage(String key);

    /** How removals of parent files are recorded in this driver's snapshots. */
    DeletionStyle deletionStyle();
}
