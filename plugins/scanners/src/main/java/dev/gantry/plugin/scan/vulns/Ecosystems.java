package dev.gantry.plugin.scan.vulns;

import dev.gantry.plugin.scan.sbom.Purl;
import dev.gantry.spi.scan.Finding;
import java.util.Locale;
import java.util.Optional;

/**
 * From an SBOM package to the OSV ecosystem and package name its advisories use. Distribution packages are
 * looked up by their source package ({@code upstream} qualifier) as Debian's and Alpine's advisories name them.
 */
final class Ecosystems {
    /** What to ask the database. */
    record Query(String ecosystem, String name, String version) {
    }

    private Ecosystems() {
    }

    /**
     * @param os the OS finding of the sbom ({@code os:ID:VERSION_ID}), when there is one
     */
    static Optional<Query> of(Finding.Pkg p, Optional<Finding.Pkg> os) {
        String purl = p.purl();
        if (purl == null) {
            return Optional.empty();
        }
        String upstream = Purl.qualifier(purl, "upstream");
        String source = upstream == null ? p.name() : upstream;
        return switch (Purl.type(purl)) {
            case "deb" -> os.flatMap(Ecosystems::debian).map(e -> new Query(e, source, p.version()));
            case "apk" -> os.flatMap(Ecosystems::alpine).map(e -> new Query(e, source, p.version()));
            case "rpm" -> os.flatMap(Ecosystems::rpm).map(e -> new Query(e, p.name(), p.version()));
            case "pypi" -> Optional.of(new Query("PyPI", p.name(), p.version()));
            case "npm" -> Optional.of(new Query("npm", p.name(), p.version()));
            case "maven" -> Optional.of(new Query("Maven", p.name(), p.version()));
            case "golang" -> Optional.of(new Query("Go", p.name(), p.name().equals("stdlib") ? p.version() : p.version().replaceFirst("^v", "")));
            default -> Optional.empty();
        };
    }

    private static Optional<String> debian(Finding.Pkg os) {
        String v = os.version();
        return switch (os.name()) {
            case "debian" -> Optional.of(v.isEmpty() ? "Debian" : "Debian:" + v.split("\\.")[0]);
            case "ubuntu" -> Optional.of(v.isEmpty() ? "Ubuntu" : "Ubuntu:" + v + (lts(v) ? ":LTS" : ""));
            default -> Optional.empty();
        };
    }

    /** Ubuntu's LTS releases are the even years' April ones. */
    private static boolean lts(String v) {
        String[] p = v.split("\\.");
        try {
            return p.length >= 2 && p[1].equals("04") && Integer.parseInt(p[0]) % 2 == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> alpine(Finding.Pkg os) {
        if (!os.name().equals("alpine")) {
            return Optional.empty();
        }
        String[] p = os.version().split("\\.");
        return Optional.of(p.length >= 2 ? "Alpine:v" + p[0] + "." + p[1] : "Alpine");
    }

    private static Optional<String> rpm(Finding.Pkg os) {
        String major = os.version().split("\\.")[0];
        return switch (os.name().toLowerCase(Locale.ROOT)) {
            case "rocky" -> Optional.of("Rocky Linux:" + major);
            case "almalinux" -> Optional.of("AlmaLinux:" + major);
            case "rhel" -> Optional.of("Red Hat");
            case "opensuse-leap", "sles" -> Optional.of("SUSE");
            default -> Optional.empty();
        };
    }
}
