package dev.gantry.vulndb.version;

import org.semver4j.Semver;

/**
 * SemVer 2.0 precedence (npm, crates.io, OSV's SEMVER ranges), by semver4j: numbers numerically, a pre-release
 * before its release, pre-release identifiers numerically or by ASCII, build metadata ignored. With
 * {@code vPrefix}, Go's spelling: a leading {@code v} is allowed and dropped ({@code +incompatible} is build
 * metadata, so it does not count either).
 */
public final class SemVerVersion implements VersionScheme {
    public static final SemVerVersion NPM = new SemVerVersion("SemVer", false);
    public static final SemVerVersion GO = new SemVerVersion("Go SemVer", true);
    /** OSV's SEMVER range type: SemVer 2.0; a leading v is tolerated, as Go advisories' versions carry none. */
    public static final SemVerVersion RANGE = new SemVerVersion("SemVer", true);

    private final String name;
    private final boolean vPrefix;

    private SemVerVersion(String name, boolean vPrefix) {
        this.name = name;
        this.vPrefix = vPrefix;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int compare(String a, String b) {
        return Integer.signum(parse(a).compareTo(parse(b)));
    }

    private Semver parse(String v) {
        String s = v.strip();
        if (vPrefix && s.startsWith("v")) {
            s = s.substring(1);
        }
        Semver parsed = s.length() > 256 ? null : Semver.parse(s);
        if (parsed == null) {
            throw new IllegalArgumentException("not a " + name + " version: '" + v + "'");
        }
        return parsed;
    }
}
