package dev.gantry.vulndb;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the database holds, for {@code GET /gantry/v1/vulndb}.
 *
 * @param version     the current {@link VulnerabilityDatabase#version()}
 * @param importedAt  when the last import committed; empty before the first
 * @param advisories  how many advisories it holds in all
 * @param ecosystems  advisory counts per ecosystem as the advisories name them ({@code Debian:12}, {@code PyPI}),
 *                    sorted by name; an advisory naming two ecosystems counts in both
 * @param sources     the imported files, oldest first
 */
public record DatabaseStatus(String version, Optional<Instant> importedAt, int advisories,
                             Map<String, Integer> ecosystems, List<Source> sources) {
    public DatabaseStatus {
        ecosystems = Map.copyOf(ecosystems);
        sources = List.copyOf(sources);
    }
}
