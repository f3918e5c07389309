package dev.gantry.plugin.scan.support;

/**
 * What the scanners read at most from one image: an image is an attacker and may hold a package database of
 * gigabytes, a million files or a zip bomb. Over a cap, the file is skipped (and reported as such), never read.
 */
public final class Limits {
    /** A package database or metadata file (dpkg status is a few MiB on a big system). */
    public static final long DATABASE_BYTES = 64L << 20;
    /** A file searched for secrets. */
    public static final long SECRET_FILE_BYTES = 2L << 20;
    /** Entries visited in one walk of a root. */
    public static final long WALK_ENTRIES = 1_000_000;
    /** Directory levels of one walk. */
    public static final int WALK_DEPTH = 64;
    /** Paragraphs (packages) read from one package database. */
    public static final int DATABASE_ENTRIES = 200_000;
    /** Entries of one archive, nested ones included. */
    public static final int ARCHIVE_ENTRIES = 100_000;
    /** Bytes inflated from one archive, nested ones included. */
    public static final long ARCHIVE_INFLATED_BYTES = 512L << 20;
    /** Levels of archives inside archives. */
    public static final int ARCHIVE_DEPTH = 4;
    /** An executable whose build information is looked for. */
    public static final long BINARY_BYTES = 512L << 20;

    private Limits() {
    }
}
