package dev.gantry.spi.storage;

/** The states of a snapshot, as in containerd: active ones are writable, committed and view ones are not. */
public enum SnapshotKind { ACTIVE, VIEW, COMMITTED }
