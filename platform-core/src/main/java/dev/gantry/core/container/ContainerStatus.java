package dev.gantry.core.container;

import java.util.Locale;

/** Docker's container states, in the words {@code docker ps} and inspect use. */
public enum ContainerStatus {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContainerStatus parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    /** Whether processes of the container exist (a paused container's are frozen, not gone). */
    public boolean alive() {
        return this == RUNNING || this == PAUSED || this == RESTARTING;
    }
}
