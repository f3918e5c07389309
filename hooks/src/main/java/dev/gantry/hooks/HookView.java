package dev.gantry.hooks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One file as {@code GET /gantry/v1/hooks} shows it: what is in force, and the error of the current version.
 *
 * @param errorLine 0 when the error has no place in the file
 */
public record HookView(String name, String file, List<String> events, boolean active, Optional<String> error,
                       int errorLine, boolean failOpen, long timeoutMillis, Optional<String> schedule,
                       Map<Outcome, Long> counts, Optional<Long> p50Micros, Optional<Long> p99Micros,
                       Optional<String> lastError) {
}
