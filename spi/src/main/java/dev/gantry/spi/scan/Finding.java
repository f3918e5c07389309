package dev.gantry.spi.scan;

import java.util.List;

/**
 * One thing a scanner found. Every finding has a type, an id, a severity, a title and a location; the other
 * fields are filled where they apply to the type and are {@code null} (or empty for {@code aliases}) otherwise.
 *
 * <p>Contract: equal scans give equal findings in the same order; a finding never carries a secret in clear
 * ({@link #maskedValue()} shows at most the first and last few characters).
 *
 * @param type         what sort of finding
 * @param id           a stable identifier: a vulnerability id, a package's purl, a rule id
 * @param severity     one of {@link #SEVERITIES}; {@code UNKNOWN} for packages
 * @param title        one line for a person
 * @param location     where in the image: a path, or a package name and version
 * @param pkg          the package concerned (PACKAGE and VULNERABILITY findings)
 * @param file         the path in the image, absolute, where it was found
 * @param layer        the index of the layer that brought it (see {@link ImageView#layers()})
 * @param line         the line in {@code file}, from 1
 * @param fixedVersion the first version without the vulnerability
 * @param aliases      other ids of the same vulnerability (CVE ids)
 * @param maskedValue  the secret, masked
 * @param fix          one line saying how to fix it (config rules)
 * @param historyStep  the index of the history step it points at (see {@link ImageView#history()})
 */
public record Finding(Type type, String id, String severity, String title, String location, Pkg pkg, String file,
                      Integer layer, Integer line, String fixedVersion, List<String> aliases, String maskedValue,
                      String fix, Integer historyStep) {
    /**
     * What sort of finding. {@code SKIPPED} is a file the scanner would have read but refused (too large,
     * malformed, a zip bomb, a link out of the image): the title says why; it counts in no summary.
     */
    public enum Type { PACKAGE, VULNERABILITY, SECRET, MISCONFIGURATION, SKIPPED }

    /** The severities, most severe first. */
    public static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN");

    public Finding {
        if (type == null || id == null || severity == null || title == null || location == null) {
            throw new IllegalArgumentException("a finding needs a type, id, severity, title and location");
        }
        if (!SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("unknown severity " + severity);
        }
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** A finding with only the fields every type has. */
    public Finding(Type type, String id, String severity, String title, String location) {
        this(type, id, severity, title, location, null, null, null, null, null, List.of(), null, null, null);
    }

    /**
     * A package, as an SBOM lists it.
     *
     * @param name    its name in its ecosystem
     * @param version its version, as its ecosystem writes it
     * @param purl    its package URL ({@code pkg:deb/debian/bash@5.2?arch=amd64&distro=debian-12})
     * @param licence its licence as recorded (SPDX expression or free text), or {@code null}
     */
    public record Pkg(String name, String version, String purl, String licence) {
    }

    public Finding withPkg(Pkg p) {
        return new Finding(type, id, severity, title, location, p, file, layer, line, fixedVersion, aliases, maskedValue, fix, historyStep);
    }

    public Finding withFile(String f, Integer l) {
        return new Finding(type, id, severity, title, location, pkg, f, l, line, fixedVersion, aliases, maskedValue, fix, historyStep);
    }

    public Finding withLine(Integer n) {
        return new Finding(type, id, severity, title, location, pkg, file, layer, n, fixedVersion, aliases, maskedValue, fix, historyStep);
    }

    public Finding withFixedVersion(String v, List<String> a) {
        return new Finding(type, id, severity, title, location, pkg, file, layer, line, v, a, maskedValue, fix, historyStep);
    }

    public Finding withMaskedValue(String m) {
        return new Finding(type, id, severity, title, location, pkg, file, layer, line, fixedVersion, aliases, m, fix, historyStep);
    }

    public Finding withFix(String f, Integer step) {
        return new Finding(type, id, severity, title, location, pkg, file, layer, line, fixedVersion, aliases, maskedValue, f, step);
    }
}
