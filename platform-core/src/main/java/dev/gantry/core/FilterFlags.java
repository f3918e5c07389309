package dev.gantry.core;

import java.util.Set;
import java.util.TreeSet;

/** A boolean list filter ({@code dangling}, {@code all}, {@code is-task}) as dockerd reads it. */
public final class FilterFlags {
    private FilterFlags() {
    }

    /**
     * {@code true}/{@code 1} or {@code false}/{@code 0}; {@code absent} when not given; none of them, or both at
     * once, is refused as dockerd refuses it.
     */
    public static boolean bool(Set<String> values, String key, boolean absent) {
        if (values == null) {
            return absent;
        }
        boolean no = values.contains("0") || values.contains("false");
        boolean yes = values.contains("1") || values.contains("true");
        if (no == yes) {
            throw EngineException.invalid("invalid filter '" + key
                    + (values.isEmpty() ? "" : "=[" + String.join(" ", new TreeSet<>(values)) + "]") + "'");
        }
        return yes;
    }
}
