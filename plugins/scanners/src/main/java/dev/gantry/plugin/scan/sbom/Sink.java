package dev.gantry.plugin.scan.sbom;

import dev.gantry.plugin.scan.support.Findings;
import dev.gantry.spi.scan.Finding;
import dev.gantry.spi.scan.ImageView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects what the readers find in one scan. */
final class Sink {
    final ImageView view;
    final Optional<OsRelease> os;
    private final List<Finding> out = new ArrayList<>();

    Sink(ImageView view, Optional<OsRelease> os) {
        this.view = view;
        this.os = os;
    }

    void add(String name, String version, String purl, String licence, String file, int layer) {
        Finding.Pkg p = new Finding.Pkg(name, version, purl, licence == null || licence.isBlank() ? null : licence.strip());
        out.add(new Finding(Finding.Type.PACKAGE, purl, "UNKNOWN", name + " " + version, file)
                .withPkg(p).withFile(file, layer));
    }

    void skipped(String path, Integer layer, String why) {
        out.add(Findings.skipped("sbom", path, layer, why));
    }

    void raw(Finding f) {
        out.add(f);
    }

    List<Finding> findings() {
        return out;
    }
}
