package dev.gantry.vulndb.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Alpine's version ordering (apk-tools, apk-package(5)): {@code digits{.digits}[letter]{_suffix[digits]}[~hash][-rN]}.
 * The first number compares numerically; a later one that starts with 0 on either side compares as a decimal
 * fraction (Gentoo's rule: {@code 1.01 < 1.1}); more numbers are newer; a letter is newer than none; suffixes
 * order {@code _alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p}, each with its number;
 * the {@code -rN} package revision comes last. A {@code ~hash} is ignored.
 */
public final class ApkVersion implements VersionScheme {
    public static final ApkVersion INSTANCE = new ApkVersion();
    private static final Pattern SYNTAX = Pattern.compile(
            "(\\d+(?:\\.\\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\\d*)*)(?:~[0-9a-f]+)?(?:-r(\\d+))?");
    private static final List<String> SUFFIXES = List.of("alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg",
            "p");
    private static final int NO_SUFFIX = SUFFIXES.indexOf("");

    private ApkVersion() {
    }

    @Override
    public String name() {
        return "apk";
    }

    private record Suffix(int rank, long number) {
    }

    private record Parsed(List<String> numbers, char letter, List<Suffix> suffixes, long revision) {
    }

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        int n = Math.min(x.numbers.size(), y.numbers.size());
        for (int i = 0; i < n; i++) {
            int c = compareNumber(x.numbers.get(i), y.numbers.get(i), i == 0);
            if (c != 0) {
                return c;
            }
        }
        if (x.numbers.size() != y.numbers.size()) {
            return x.numbers.size() > y.numbers.size() ? 1 : -1;
        }
        int c = Character.compare(x.letter, y.letter);
        if (c != 0) {
            return c;
        }
        int s = Math.max(x.suffixes.size(), y.suffixes.size());
        for (int i = 0; i < s; i++) {
            Suffix p = i < x.suffixes.size() ? x.suffixes.get(i) : new Suffix(NO_SUFFIX, 0);
            Suffix q = i < y.suffixes.size() ? y.suffixes.get(i) : new Suffix(NO_SUFFIX, 0);
            c = Integer.compare(p.rank, q.rank);
            if (c == 0) {
                c = Long.compare(p.number, q.number);
            }
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(x.revision, y.revision);
    }

    private static int compareNumber(String a, String b, boolean first) {
        if (!first && (a.startsWith("0") || b.startsWith("0"))) {
            // a fraction: compare the digits as text without trailing zeros
            String p = a.replaceFirst("0+$", "");
            String q = b.replaceFirst("0+$", "");
            return Integer.signum(p.compareTo(q));
        }
        String p = a.replaceFirst("^0+(?=\\d)", "");
        String q = b.replaceFirst("^0+(?=\\d)", "");
        return p.length() != q.length() ? Integer.compare(p.length(), q.length()) : Integer.signum(p.compareTo(q));
    }

    private static Parsed parse(String v) {
        var m = SYNTAX.matcher(v.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an Alpine version: '" + v + "'");
        }
        List<String> numbers = List.of(m.group(1).split("\\."));
        char letter = m.group(2).isEmpty() ? 0 : m.group(2).charAt(0);
        List<Suffix> suffixes = new ArrayList<>();
        for (String part : m.group(3).split("_")) {
            if (part.isEmpty()) {
                continue;
            }
            int d = 0;
            while (d < part.length() && !Character.isDigit(part.charAt(d))) {
                d++;
            }
            String digits = part.substring(d);
            suffixes.add(new Suffix(SUFFIXES.indexOf(part.substring(0, d)), digits.isEmpty() ? 0 : number(digits, v)));
        }
        long revision = m.group(4) == null ? 0 : number(m.group(4), v);
        return new Parsed(numbers, letter, suffixes, revision);
    }

    private static long number(String digits, String v) {
        if (digits.length() > 18) {
            throw new IllegalArgumentException("not an Alpine version (number too long): '" + v + "'");
        }
        return Long.parseLong(digits);
    }
}
