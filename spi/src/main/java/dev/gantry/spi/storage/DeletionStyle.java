package dev.gantry.spi.storage;

/**
 * How a snapshot records that a file of a parent layer was removed. The engine's layer applier and differ
 * read and write OCI whiteouts ({@code .wh.name}, {@code .wh..wh..opq}) and translate them with this.
 */
public enum DeletionStyle {
    /** The snapshot is a full copy of its parent: a removal is a real removal (vfs). */
    COPY,
    /** Overlayfs: a removed file is a 0:0 character device, an opaque directory has {@code trusted.overlay.opaque=y}. */
    OVERLAY_WHITEOUT
}
