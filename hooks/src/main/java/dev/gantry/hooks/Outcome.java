package dev.gantry.hooks;

import java.util.Locale;

/** How one call of a hook ended, as counted, tagged on metrics and spans. An observer that ran counts as allow. */
public enum Outcome {
    ALLOW, DENY, CHANGE, ERROR, TIMEOUT;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
