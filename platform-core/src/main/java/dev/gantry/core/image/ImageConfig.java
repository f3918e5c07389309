package dev.gantry.core.image;

import dev.gantry.core.content.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An image config (Docker's or OCI's), typed. The image ID is the digest of the config blob's bytes as they are
 * in the content store, never of a re-serialised value: this is what was read from them, and a new image's config
 * becomes bytes once, through {@link ImageConfigCodec#encode}. Fields a newer format adds are not kept here; the
 * blob still has them.
 *
 * @param parent the v1 image field {@code docker commit} sets (inspect shows it as {@code Parent}), or empty
 * @param container the container a commit was made from, or empty
 * @param diffIds the layers' diffIDs, bottom first ({@code rootfs.diff_ids})
 */
public record ImageConfig(String architecture, String os, String variant, Optional<Instant> created, String author,
                          String comment, String parent, String container, String dockerVersion, RunConfig config,
                          List<Digest> diffIds, List<History> history) {
    public ImageConfig {
        architecture = architecture == null || architecture.isEmpty() ? "amd64" : architecture;
        os = os == null || os.isEmpty() ? "linux" : os;
        variant = text(variant);
        author = text(author);
        comment = text(comment);
        parent = text(parent);
        container = text(container);
        dockerVersion = text(dockerVersion);
        config = config == null ? RunConfig.EMPTY : config;
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
    }

    /** The config of {@code FROM scratch}: linux/amd64, no layers, no history. */
    public static ImageConfig scratch() {
        return new ImageConfig("amd64", "linux", "", Optional.empty(), "", "", "", "", "", RunConfig.EMPTY, List.of(),
                List.of());
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** One entry of {@code history}: the step that made a layer, or none with {@code emptyLayer}. */
    public record History(Optional<Instant> created, String createdBy, String author, String comment,
                          boolean emptyLayer) {
        public History {
            createdBy = text(createdBy);
            author = text(author);
            comment = text(comment);
        }
    }

    public ImageConfig withConfig(RunConfig next) {
        return new ImageConfig(architecture, os, variant, created, author, comment, parent, container, dockerVersion,
                next, diffIds, history);
    }

    public ImageConfig withCreated(Instant when) {
        return new ImageConfig(architecture, os, variant, Optional.of(when), author, comment, parent, container,
                dockerVersion, config, diffIds, history);
    }

    /** The same platform and history, with other authorship: {@code author}, {@code comment} (empty drops them). */
    public ImageConfig withOrigin(String newAuthor, String newComment, String newParent, String newContainer) {
        return new ImageConfig(architecture, os, variant, created, newAuthor, newComment, newParent, newContainer,
                dockerVersion, config, diffIds, history);
    }

    public ImageConfig withPlatform(String newArchitecture, String newOs, String newVariant) {
        return new ImageConfig(newArchitecture, newOs, newVariant, created, author, comment, parent, container,
                dockerVersion, config, diffIds, history);
    }

    /** One more history entry and, when {@code layer} is present, its layer on top. */
    public ImageConfig plus(History entry, Optional<Digest> layer) {
        List<Digest> ids = new ArrayList<>(diffIds);
        layer.ifPresent(ids::add);
        List<History> h = new ArrayList<>(history);
        h.add(entry);
        return new ImageConfig(architecture, os, variant, created, author, comment, parent, container, dockerVersion,
                config, ids, h);
    }
}
