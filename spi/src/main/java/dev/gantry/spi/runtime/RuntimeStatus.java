package dev.gantry.spi.runtime;

/** The OCI runtime spec's states, plus {@code PAUSED} which runc and crun report. */
public enum RuntimeStatus {
    CREATING, CREATED, RUNNING, PAUSED, STOPPED;

    public static RuntimeStatus parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
