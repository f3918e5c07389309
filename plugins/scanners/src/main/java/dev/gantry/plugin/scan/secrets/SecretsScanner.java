package dev.gantry.plugin.scan.secrets;

import dev.gantry.plugin.scan.support.Findings;
import dev.gantry.plugin.scan.support.LayerOrigin;
import dev.gantry.plugin.scan.support.Limits;
import dev.gantry.plugin.scan.support.RootFiles;
import dev.gantry.plugin.scan.support.BuiltInScanner;
import dev.gantry.spi.scan.Finding;
import dev.gantry.spi.scan.ImageView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secrets in an image: private keys and cloud/API tokens by their documented patterns, and secret-named keys in
 * {@code .env} files, in the files of every layer (a file a later layer deleted or replaced is still in the
 * image's history, and reported with the layer that has it), in {@code ENV}, labels and history lines. Values
 * are masked.
 */
public final class SecretsScanner extends BuiltInScanner {
    public static final String NAME = "secrets";
    /** Trees of text that holds no secrets of the image's own and is large. */
    private static final Set<String> SKIPPED_DIRS = Set.of("/proc", "/sys", "/dev", "/usr/share/doc", "/usr/share/man",
            "/usr/share/locale", "/usr/share/zoneinfo", "/usr/share/i18n", "/usr/share/common-licenses", "/usr/include",
            "/usr/share/info", "/var/lib/dpkg/info");

    public SecretsScanner() {
        super(NAME, Set.of("files", "env", "labels", "history", "deleted-files"));
    }

    @Override
    public List<Finding> scan(ImageView image, List<Finding> previous) {
        List<Finding> out = new ArrayList<>();
        for (String e : image.env()) {
            TextScan.scan(e, "ENV", false).forEach(out::add);
        }
        for (Map.Entry<String, String> l : new java.util.TreeMap<>(image.labels()).entrySet()) {
            TextScan.scan(l.getKey() + "=" + l.getValue(), "LABEL " + l.getKey(), false).forEach(out::add);
        }
        for (ImageView.HistoryStep h : image.history()) {
            TextScan.scan(h.createdBy(), "history step " + h.index(), false)
                    .forEach(f -> out.add(f.withFix(null, h.index())));
        }
        try {
            List<ImageView.Layer> layers = image.layers();
            for (int i = 0; i < layers.size(); i++) {
                Path next = i + 1 < layers.size() ? layers.get(i + 1).root() : null;
                files(image, layers.get(i), next, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    /**
     * The files of one layer's view that the next layer does not have as they are (deleted or replaced), or,
     * for the top layer, all of them: so each version of each file is read once.
     */
    private static void files(ImageView image, ImageView.Layer layer, Path next, List<Finding> out) throws IOException {
        RootFiles root = new RootFiles(layer.root());
        boolean whole = RootFiles.walk(layer.root(), Limits.WALK_DEPTH, Limits.WALK_ENTRIES, (file, attrs) -> {
            String path = root.imagePath(file);
            if (skippedDir(path) || next != null && sameIn(next, root.root().relativize(file), attrs)) {
                return true;
            }
            int origin = LayerOrigin.ofFile(image, path, layer.index());
            String note = next == null ? "" : " (removed or replaced by a later layer)";
            if (attrs.size() > Limits.SECRET_FILE_BYTES) {
                return true; // large files are data and binaries, not where keys are kept
            }
            byte[] b;
            try {
                b = RootFiles.read(file, Limits.SECRET_FILE_BYTES);
            } catch (IOException e) {
                out.add(Findings.skipped(NAME, path, origin, "not read: " + e.getMessage()));
                return true;
            }
            if (binary(b)) {
                return true;
            }
            String name = file.getFileName().toString();
            boolean dotenv = name.equals(".env") || name.endsWith(".env") || name.startsWith(".env.");
            for (Finding f : TextScan.scan(new String(b, StandardCharsets.UTF_8), path, dotenv)) {
                out.add(new Finding(f.type(), f.id(), f.severity(), f.title() + note, f.location(), null, path, origin,
                        f.line(), null, List.of(), f.maskedValue(), null, image.layers().get(origin).historyStep()));
            }
            return true;
        });
        if (!whole) {
            out.add(Findings.skipped(NAME, "/", layer.index(), "more than " + Limits.WALK_ENTRIES + " files: the rest was not read"));
        }
    }

    private static boolean skippedDir(String path) {
        for (String d : SKIPPED_DIRS) {
            if (path.startsWith(d + "/")) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameIn(Path next, Path rel, BasicFileAttributes a) {
        try {
            BasicFileAttributes b = Files.readAttributes(next.resolve(rel), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return b.isRegularFile() && b.size() == a.size() && b.lastModifiedTime().equals(a.lastModifiedTime());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean binary(byte[] b) {
        int n = Math.min(b.length, 8192);
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
