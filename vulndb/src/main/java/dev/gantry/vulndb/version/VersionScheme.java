package dev.gantry.vulndb.version;

/**
 * An ecosystem's version ordering. {@link #compare} throws {@link IllegalArgumentException} for a string that is
 * no version in the scheme, so a range is never evaluated on a guess.
 */
public interface VersionScheme {
    /** The scheme's name, as docs and errors say it ({@code dpkg}, {@code PEP 440}...). */
    String name();

    /** Negative, zero or positive as {@code a} orders before, with or after {@code b}. */
    int compare(String a, String b);
}
