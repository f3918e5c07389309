package dev.gantry.tui.sync;

/** What can be fetched again. */
public enum Kind {
    CONTAINERS, IMAGES, VOLUMES, VOLUME_SIZES, NETWORKS, ENGINE, TRACES, HOOKS
}
