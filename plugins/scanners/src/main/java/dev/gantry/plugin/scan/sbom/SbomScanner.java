package dev.gantry.plugin.scan.sbom;

import dev.gantry.plugin.scan.support.LayerOrigin;
import dev.gantry.plugin.scan.support.Limits;
import dev.gantry.plugin.scan.support.RootFiles;
import dev.gantry.plugin.scan.support.BuiltInScanner;
import dev.gantry.spi.scan.Finding;
import dev.gantry.spi.scan.ImageView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.List;
import java.util.Set;

/**
 * The packages in an image (a software bill of materials): the OS, then dpkg, apk and RPM databases, then one
 * walk of the root for Python distributions, npm packages, Java archives and Go binaries. Each package is a
 * {@code PACKAGE} finding with its purl as id, the file it was read from, and the layer that brought it. The OS
 * is a {@code PACKAGE} finding too, with id {@code os:ID:VERSION_ID} and no purl.
 */
public final class SbomScanner extends BuiltInScanner {
    public static final String NAME = "sbom";

    public SbomScanner() {
        super(NAME, Set.of("os", "dpkg", "apk", "rpm", "python", "npm", "java", "go"));
    }

    @Override
    public List<Finding> scan(ImageView image, List<Finding> previous) {
        RootFiles root = new RootFiles(image.rootfs());
        Optional<OsRelease> os = OsRelease.read(root);
        Sink sink = new Sink(image, os);
        os.ifPresent(o -> sink.raw(new Finding(Finding.Type.PACKAGE, "os:" + o.id() + ":" + o.versionId(), "UNKNOWN",
                o.pretty(), o.file()).withPkg(new Finding.Pkg(o.id(), o.versionId(), null, null))
                .withFile(o.file(), LayerOrigin.ofFile(image, o.file()))));
        DpkgReader.read(sink);
        ApkReader.read(sink);
        RpmReader.read(sink);
        try {
            boolean whole = RootFiles.walk(image.rootfs(), Limits.WALK_DEPTH, Limits.WALK_ENTRIES, (file, attrs) -> {
                String path = root.imagePath(file);
                if (PythonReader.wants(path)) {
                    PythonReader.read(sink, file, path, LayerOrigin.ofFile(image, path));
                } else if (NpmReader.wants(path)) {
                    NpmReader.read(sink, file, path, LayerOrigin.ofFile(image, path));
                } else if (JarReader.wants(path)) {
                    JarReader.read(sink, file, path, LayerOrigin.ofFile(image, path));
                } else if (GoReader.wants(attrs, file)) {
                    GoReader.read(sink, file, path, LayerOrigin.ofFile(image, path));
                }
                return true;
            });
            if (!whole) {
                sink.skipped("/", null, "the image has more than " + Limits.WALK_ENTRIES + " files: the rest was not read");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(sink.findings());
    }
}
