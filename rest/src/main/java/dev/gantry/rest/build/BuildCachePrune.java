package dev.gantry.rest.build;

import dev.gantry.core.EngineException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.builder.BuildCache;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.ImageStore;
import dev.gantry.rest.api.DockerTime;
import dev.gantry.rest.api.Filters;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /build/prune} over the legacy builder's cache, with the filters the API documents read whole before
 * anything goes. Each cache entry is a step image: {@code id} and {@code parent} are image IDs (or prefixes),
 * {@code description} is part of the step's history line, {@code until} (or the older {@code unused-for}) its
 * image's creation; every entry is of type {@code regular}, private and not shared, and {@code inuse} asks whether
 * a container runs on its image.
 */
final class BuildCachePrune {
    static final Set<String> FILTERS = Set.of("until", "unused-for", "id", "parent", "type", "description", "inuse",
            "shared", "private");

    private final Map<String, Set<String>> f;
    private final Optional<Instant> until;
    private final Optional<Boolean> inUse;
    private final boolean none;

    private BuildCachePrune(String filters) {
        f = Filters.parse(filters, FILTERS);
        Set<String> u = f.containsKey("until") ? f.get("until") : f.get("unused-for");
        if (u != null && u.size() > 1) {
            throw EngineException.invalid("more than one until filter specified");
        }
        Instant now = Instant.now();
        until = u == null || u.isEmpty() ? Optional.empty() : Optional.of(DockerTime.instant(u.iterator().next(), now));
        inUse = f.containsKey("inuse") ? Optional.of(Filters.bool(f, "inuse", false)) : Optional.empty();
        none = (f.containsKey("type") && !f.get("type").contains("regular"))
                || Filters.bool(f, "shared", false) || !Filters.bool(f, "private", true);
    }

    /** Removes the selected entries and their untagged images; dockerd's {@code BuildCachePruneReport}. */
    static ObjectNode prune(String filters, BuildCache cache, ImageStore images) {
        BuildCachePrune p = new BuildCachePrune(filters);
        Set<String> chosen = new LinkedHashSet<>();
        for (BuildCache.Entry e : cache.entries()) {
            if (p.selects(e, images)) {
                chosen.add(e.image());
            }
        }
        cache.forget(chosen);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var deleted = out.putArray("CachesDeleted");
        long reclaimed = 0;
        Set<String> stillCached = new java.util.HashSet<>(cache.images());
        for (String id : chosen) {
            Optional<ImageRecord> image = images.find(id);
            if (image.isEmpty() || !image.get().refs().isEmpty() || stillCached.contains(id)) {
                continue;
            }
            try {
                images.remove(id, false, false);
                deleted.add(id);
                reclaimed += image.get().size();
            } catch (RuntimeException used) {
                // a container still uses it: kept
            }
        }
        out.put("SpaceReclaimed", reclaimed);
        return out;
    }

    private boolean selects(BuildCache.Entry e, ImageStore images) {
        if (none) {
            return false;
        }
        String image = bare(e.image());
        if (f.containsKey("id") && f.get("id").stream().noneMatch(v -> image.startsWith(bare(v)))) {
            return false;
        }
        if (f.containsKey("parent") && f.get("parent").stream().noneMatch(v -> bare(e.parent()).startsWith(bare(v)))) {
            return false;
        }
        if (f.containsKey("description") && f.get("description").stream().noneMatch(e.step()::contains)) {
            return false;
        }
        if (inUse.isPresent() && inUse.get() != images.user(e.image()).isPresent()) {
            return false;
        }
        return until.isEmpty() || images.find(e.image()).map(i -> !i.created().isAfter(until.get())).orElse(true);
    }

    private static String bare(String id) {
        return id.startsWith("sha256:") ? id.substring(7) : id;
    }
}
