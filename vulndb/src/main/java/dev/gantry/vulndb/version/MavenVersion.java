package dev.gantry.vulndb.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's ordering, by Maven's own {@link ComparableVersion}: numbers numerically, qualifiers
 * {@code alpha < beta < milestone < rc = cr < snapshot < (release) = ga = final < sp}, unknown qualifiers after
 * those by text. Every string is some Maven version, so nothing is refused but the empty one.
 */
public final class MavenVersion implements VersionScheme {
    public static final MavenVersion INSTANCE = new MavenVersion();

    private MavenVersion() {
    }

    @Override
    public String name() {
        return "Maven";
    }

    @Override
    public int compare(String a, String b) {
        return Integer.signum(parse(a).compareTo(parse(b)));
    }

    private static ComparableVersion parse(String v) {
        if (v.isBlank() || v.length() > 256) {
            throw new IllegalArgumentException("not a Maven version: '" + v + "'");
        }
        return new ComparableVersion(v.strip());
    }
}
