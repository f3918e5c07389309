package dev.gantry.rest.api;

import java.util.Optional;

/**
 * Go's {@code net/url} rules for a query string, which dockerd applies before its handlers read one: a
 * {@code %} must start a two-digit hex escape, and {@code ;} no longer separates pairs. Anything else goes
 * through unencoded, {@code { } " [ ] |} included.
 */
final class QueryStrings {
    private QueryStrings() {
    }

    /** Go's error for the first pair it cannot read, in its words; empty when every pair reads. */
    static Optional<String> problem(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&", -1)) {
            if (pair.indexOf(';') >= 0) {
                return Optional.of("invalid semicolon separator in query");
            }
            int eq = pair.indexOf('=');
            for (String part : eq < 0 ? new String[] {pair} : new String[] {pair.substring(0, eq), pair.substring(eq + 1)}) {
                Optional<String> bad = badEscape(part);
                if (bad.isPresent()) {
                    return Optional.of("invalid URL escape \"" + bad.get() + "\"");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> badEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%') {
                if (i + 2 >= s.length() || !hex(s.charAt(i + 1)) || !hex(s.charAt(i + 2))) {
                    return Optional.of(s.substring(i, Math.min(s.length(), i + 3)));
                }
                i += 2;
            }
        }
        return Optional.empty();
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
