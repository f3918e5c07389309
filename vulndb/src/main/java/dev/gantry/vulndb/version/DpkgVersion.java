package dev.gantry.vulndb.version;

/**
 * Debian's version ordering (deb-version(7)): {@code [epoch:]upstream[-revision]}; the epoch compares as a
 * number, then upstream and revision by dpkg's verrevcmp: alternate runs of non-digits (letters before other
 * characters, {@code ~} before everything, even the end) and digits (numerically).
 */
public final class DpkgVersion implements VersionScheme {
    public static final DpkgVersion INSTANCE = new DpkgVersion();

    private DpkgVersion() {
    }

    @Override
    public String name() {
        return "dpkg";
    }

    @Override
    public int compare(String a, String b) {
        EpochVersion x = parse(a);
        EpochVersion y = parse(b);
        int c = Long.compare(x.epoch(), y.epoch());
        if (c == 0) {
            c = verrevcmp(x.version(), y.version());
        }
        if (c == 0) {
            // no revision orders as an empty one (dpkg: 1.0 = 1.0-0)
            c = verrevcmp(x.release() == null ? "" : x.release(), y.release() == null ? "" : y.release());
        }
        return c;
    }

    // dpkg only warns about an upstream version that does not start with a digit, and still orders it
    private static EpochVersion parse(String v) {
        if (hasWhitespace(v.strip())) {
            throw new IllegalArgumentException("not a Debian version: '" + v + "'");
        }
        return EpochVersion.parse(v, "a Debian");
    }

    private static boolean hasWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /** dpkg's weight of a non-digit character: ~ first, then the end of the run, then letters, then the rest. */
    private static int order(int c) {
        if (digit(c)) {
            return 0;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c == 0 ? 0 : c + 256;
    }

    static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !digit(a.charAt(i)))
                    || (j < b.length() && !digit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return ac - bc;
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && digit(a.charAt(i))
                    && j < b.length() && digit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && digit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && digit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff;
            }
        }
        return 0;
    }
}
