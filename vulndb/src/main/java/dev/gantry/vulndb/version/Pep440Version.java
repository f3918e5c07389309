package dev.gantry.vulndb.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's version ordering (PEP 440, as the packaging library applies it): {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]},
 * read in its permitted spellings (any case, a leading {@code v}, {@code alpha}/{@code beta}/{@code c}/{@code pre}/
 * {@code preview}, {@code rev}/{@code r}, an implicit post release {@code 1.0-1}, optional separators and numbers).
 * Trailing zeros of the release do not count; a dev release sorts before the pre-releases of its release, a
 * post release after the release; a local version after the same public one, its segments numbers above words.
 */
public final class Pep440Version implements VersionScheme {
    public static final Pep440Version INSTANCE = new Pep440Version();
    // the syntax is PEP 440's appendix B regular expression, with its permitted spellings
    private static final Pattern SYNTAX = Pattern.compile(
            "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
                    + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
                    + "(?<dev>[-_.]?dev[-_.]?(?<devn>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

    private Pep440Version() {
    }

    @Override
    public String name() {
        return "PEP 440";
    }

    /** A parsed version; {@code pre}'s letter is 0 (a), 1 (b), 2 (rc); absent parts are null. */
    record Parsed(BigInteger epoch, List<BigInteger> release, Integer preKind, BigInteger preNumber,
                  BigInteger post, BigInteger dev, List<String> local) {
    }

    static Parsed parse(String v) {
        Matcher m = SYNTAX.matcher(v.strip().toLowerCase(Locale.ROOT));
        if (v.length() > 256 || !m.matches()) {
            throw new IllegalArgumentException("not a PEP 440 version: '" + v + "'");
        }
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(new BigInteger(part));
        }
        while (release.size() > 1 && release.getLast().signum() == 0) {
            release.removeLast();
        }
        Integer preKind = null;
        BigInteger preNumber = null;
        if (m.group("pre") != null) {
            preKind = switch (m.group("prel")) {
                case "a", "alpha" -> 0;
                case "b", "beta" -> 1;
                default -> 2;
            };
            preNumber = number(m.group("pren"));
        }
        BigInteger post = null;
        if (m.group("post") != null) {
            post = number(m.group("postn1") != null ? m.group("postn1") : m.group("postn2"));
        }
        BigInteger dev = m.group("dev") != null ? number(m.group("devn")) : null;
        List<String> local = m.group("local") == null ? null : List.of(m.group("local").split("[-_.]"));
        BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
        return new Parsed(epoch, release, preKind, preNumber, post, dev, local);
    }

    private static BigInteger number(String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        int c = x.epoch.compareTo(y.epoch);
        if (c == 0) {
            c = compareRelease(x.release, y.release);
        }
        if (c == 0) {
            c = Integer.compare(preRank(x), preRank(y));
        }
        if (c == 0 && x.preKind != null && y.preKind != null) {
            c = Integer.compare(x.preKind, y.preKind);
            if (c == 0) {
                c = x.preNumber.compareTo(y.preNumber);
            }
        }
        if (c == 0) {
            c = compareMissingLow(x.post, y.post);
        }
        if (c == 0) {
            // no dev segment sorts after any dev release
            c = x.dev == null ? (y.dev == null ? 0 : 1) : (y.dev == null ? -1 : x.dev.compareTo(y.dev));
        }
        if (c == 0) {
            c = compareLocal(x.local, y.local);
        }
        return Integer.signum(c);
    }

    /** Where the pre-release part puts a version: a bare dev release first, then pre-releases, then finals. */
    private static int preRank(Parsed p) {
        if (p.preKind == null && p.post == null && p.dev != null) {
            return 0;
        }
        return p.preKind != null ? 1 : 2;
    }

    private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger p = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger q = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareMissingLow(BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    private static int compareLocal(List<String> a, List<String> b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String p = a.get(i);
            String q = b.get(i);
            boolean pn = p.chars().allMatch(Character::isDigit);
            boolean qn = q.chars().allMatch(Character::isDigit);
            int c;
            if (pn && qn) {
                c = new BigInteger(p).compareTo(new BigInteger(q));
            } else if (pn != qn) {
                c = pn ? 1 : -1;
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
