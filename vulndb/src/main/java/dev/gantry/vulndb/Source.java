package dev.gantry.vulndb;

import java.time.Instant;
import java.util.List;

/**
 * One imported file: an OSV JSON file or an osv.dev archive. Importing a file of the same name again replaces
 * what it brought before.
 *
 * @param name       the file name given at import (its base name)
 * @param ecosystems the ecosystems its advisories name, sorted
 * @param advisories how many advisories it holds now (fewer than it brought when a later import took some over)
 * @param importedAt when it was imported
 */
public record Source(String name, List<String> ecosystems, int advisories, Instant importedAt) {
    public Source {
        ecosystems = List.copyOf(ecosystems);
    }
}
