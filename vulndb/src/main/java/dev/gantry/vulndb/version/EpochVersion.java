package dev.gantry.vulndb.version;

/**
 * The {@code [epoch:]version[-release]} shape dpkg and rpm share: the epoch a number up to 9 digits (0 when
 * missing), the release after the last hyphen (null when there is none).
 */
record EpochVersion(long epoch, String version, String release) {

    static EpochVersion parse(String v, String scheme) {
        String s = v.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("not " + scheme + " version: '" + v + "'");
        }
        long epoch = 0;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            String e = s.substring(0, colon);
            if (e.isEmpty() || e.length() > 9 || !allDigits(e)) {
                throw new IllegalArgumentException("not " + scheme + " version (epoch): '" + v + "'");
            }
            epoch = Long.parseLong(e);
            s = s.substring(colon + 1);
        }
        int dash = s.lastIndexOf('-');
        String version = dash >= 0 ? s.substring(0, dash) : s;
        if (version.isEmpty()) {
            throw new IllegalArgumentException("not " + scheme + " version (empty version): '" + v + "'");
        }
        return new EpochVersion(epoch, version, dash >= 0 ? s.substring(dash + 1) : null);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
