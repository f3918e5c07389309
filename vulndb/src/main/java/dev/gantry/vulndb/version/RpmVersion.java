package dev.gantry.vulndb.version;

/**
 * RPM's ordering: {@code [epoch:]version[-release]}, epoch as a number (missing is 0), then version and release by
 * rpmvercmp: runs of digits (numerically) and of letters (by byte), separators ignored, a digit run newer than a
 * letter run, {@code ~} older than anything (even the end) and {@code ^} newer than the end but older than
 * anything else. When only one side has a release, releases are not compared, as rpm does for a dependency.
 */
public final class RpmVersion implements VersionScheme {
    public static final RpmVersion INSTANCE = new RpmVersion();

    private RpmVersion() {
    }

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public int compare(String a, String b) {
        EpochVersion x = EpochVersion.parse(a, "an RPM");
        EpochVersion y = EpochVersion.parse(b, "an RPM");
        int c = Long.compare(x.epoch(), y.epoch());
        if (c == 0) {
            c = rpmvercmp(x.version(), y.version());
        }
        if (c == 0 && x.release() != null && y.release() != null) {
            c = rpmvercmp(x.release(), y.release());
        }
        return c;
    }

    private static boolean alnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean alpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int n = a.length();
        int m = b.length();
        while (i < n || j < m) {
            while (i < n && !alnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < m && !alnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            boolean ta = i < n && a.charAt(i) == '~';
            boolean tb = j < m && b.charAt(j) == '~';
            if (ta || tb) {
                if (!ta) {
                    return 1;
                }
                if (!tb) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            boolean ca = i < n && a.charAt(i) == '^';
            boolean cb = j < m && b.charAt(j) == '^';
            if (ca || cb) {
                if (i >= n) {
                    return -1;
                }
                if (j >= m) {
                    return 1;
                }
                if (!ca) {
                    return 1;
                }
                if (!cb) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= n || j >= m) {
                break;
            }
            boolean numeric = digit(a.charAt(i));
            int si = i;
            int sj = j;
            if (numeric) {
                while (i < n && digit(a.charAt(i))) {
                    i++;
                }
                while (j < m && digit(b.charAt(j))) {
                    j++;
                }
            } else {
                while (i < n && alpha(a.charAt(i))) {
                    i++;
                }
                while (j < m && alpha(b.charAt(j))) {
                    j++;
                }
            }
            if (sj == j) {
                // segments of different types: a number is newer than letters
                return numeric ? 1 : -1;
            }
            String x = a.substring(si, i);
            String y = b.substring(sj, j);
            if (numeric) {
                x = x.replaceFirst("^0+", "");
                y = y.replaceFirst("^0+", "");
                if (x.length() != y.length()) {
                    return x.length() > y.length() ? 1 : -1;
                }
            }
            int c = x.compareTo(y);
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
        }
        if (i >= n && j >= m) {
            return 0;
        }
        return i >= n ? -1 : 1;
    }
}
