package dev.gantry.plugin.scan.support;

import dev.gantry.spi.scan.ImageView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Which layer brought something into the image, told from the layers' views. */
public final class LayerOrigin {
    private LayerOrigin() {
    }

    /**
     * The lowest layer from which on the file at {@code path} (absolute in the image) is the same as in the top
     * layer (same size and modification time; layers keep both), or the top layer when nothing below matches.
     */
    public static int ofFile(ImageView view, String path) {
        return ofFile(view, path, view.layers().size() - 1);
    }

    /** As {@link #ofFile(ImageView, String)}, for the file as layer {@code top} has it. */
    public static int ofFile(ImageView view, String path, int top) {
        List<ImageView.Layer> layers = view.layers();
        if (layers.isEmpty()) {
            return 0;
        }
        Optional<BasicFileAttributes> want = attrs(layers.get(top).root(), path);
        if (want.isEmpty()) {
            return top;
        }
        int origin = top;
        for (int i = top - 1; i >= 0; i--) {
            Optional<BasicFileAttributes> a = attrs(layers.get(i).root(), path);
            if (a.isEmpty() || a.get().size() != want.get().size()
                    || !a.get().lastModifiedTime().equals(want.get().lastModifiedTime())) {
                break;
            }
            origin = i;
        }
        return origin;
    }

    /**
     * The lowest layer from which on {@code present} holds in every layer up to the top: for an entry of a
     * database that later layers rewrite (a package in dpkg's status).
     */
    public static int ofEntry(ImageView view, Predicate<ImageView.Layer> present) {
        List<ImageView.Layer> layers = view.layers();
        int origin = Math.max(0, layers.size() - 1);
        for (int i = layers.size() - 2; i >= 0; i--) {
            if (!present.test(layers.get(i))) {
                break;
            }
            origin = i;
        }
        return origin;
    }

    private static Optional<BasicFileAttributes> attrs(Path root, String path) {
        return new RootFiles(root).resolve(path).flatMap(p -> {
            try {
                return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
