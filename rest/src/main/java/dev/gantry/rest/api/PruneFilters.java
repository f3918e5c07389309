package dev.gantry.rest.api;

import dev.gantry.core.EngineException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The filters of a prune, read and checked whole before anything is deleted: the keys the endpoint takes
 * ({@code label}, {@code label!}, {@code until} and the endpoint's own), {@code until} as a time.
 */
public record PruneFilters(Map<String, Set<String>> values, Optional<Instant> until) {
    /** What container, image and network prunes take; volumes take {@code all} instead of {@code until}. */
    public static final Set<String> COMMON = Set.of("label", "label!", "until");

    public static PruneFilters parse(String json, Set<String> allowed) {
        Map<String, Set<String>> f = Filters.parse(json, allowed);
        Optional<Instant> until = Optional.empty();
        if (f.containsKey("until")) {
            Set<String> u = f.get("until");
            if (u.size() != 1) {
                throw EngineException.invalid(u.isEmpty() ? "invalid filter 'until'" : "more than one until filter specified");
            }
            until = Optional.of(DockerTime.instant(u.iterator().next(), Instant.now()));
        }
        return new PruneFilters(f, until);
    }

    public static PruneFilters parse(String json, Set<String> common, String... own) {
        Set<String> allowed = new HashSet<>(common);
        allowed.addAll(Set.of(own));
        return parse(json, allowed);
    }

    /** Whether an object made at {@code created} with {@code labels} is one the prune may take. */
    public boolean selects(Instant created, Map<String, String> labels) {
        if (until.isPresent() && created.isAfter(until.get())) {
            return false;
        }
        if (!Filters.matchesAll(values.get("label"), labels)) {
            return false;
        }
        // label! excludes what carries all its labels
        return !values.containsKey("label!") || !Filters.matchesAll(values.get("label!"), labels);
    }

    public boolean bool(String key, boolean absent) {
        return Filters.bool(values, key, absent);
    }
}
