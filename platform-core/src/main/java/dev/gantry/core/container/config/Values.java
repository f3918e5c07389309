package dev.gantry.core.container.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies for the config records: {@code null} (not given) stays {@code null}, the rest becomes unmodifiable. */
final class Values {
    private Values() {
    }

    static String text(String s) {
        return s == null ? "" : s;
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? null : Collections.unmodifiableList(new ArrayList<>(l));
    }

    static <K, V> Map<K, V> map(Map<K, V> m) {
        return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}
