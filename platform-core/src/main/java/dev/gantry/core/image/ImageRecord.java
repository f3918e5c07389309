package dev.gantry.core.image;

import dev.gantry.core.content.Digest;
import java.time.Instant;
import java.util.List;

/**
 * An image: its ID is the digest of its config blob; layers bottom first; the references that name it.
 *
 * @param config what the config blob (Docker's or OCI's image config) says, read once from its bytes
 */
public record ImageRecord(Digest id, ImageConfig config, List<LayerRecord> layers, List<Reference> refs, Instant created) {
    public long size() {
        return layers.stream().mapToLong(LayerRecord::size).sum();
    }

    public List<String> repoTags() {
        return refs.stream().filter(r -> r.tag().isPresent()).map(Reference::familiar).toList();
    }

    public List<String> repoDigests() {
        return refs.stream().filter(r -> r.digest().isPresent()).map(Reference::familiar).toList();
    }
}
