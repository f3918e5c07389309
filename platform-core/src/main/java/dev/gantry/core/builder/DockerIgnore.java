package dev.gantry.core.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore} with Docker's rules: one pattern a line, {@code #} comments, paths cleaned and a leading
 * {@code /} dropped, {@code *} and {@code ?} within one path element, {@code **} across any number of them,
 * {@code !} for exceptions, the last matching line wins, and a pattern that matches a directory matches
 * everything under it.
 */
public final class DockerIgnore {
    private record Rule(Pattern pattern, boolean exclude) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exclude = true;
            if (line.startsWith("!")) {
                exclude = false;
                line = line.substring(1).strip();
            }
            line = clean(line);
            if (line.isEmpty()) {
                continue;
            }
            rules.add(new Rule(Pattern.compile(regex(line)), exclude));
        }
        return new DockerIgnore(rules);
    }

    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    /** Whether the file or directory at {@code path} (relative, with {@code /}) is left out of the context. */
    public boolean excludes(String path) {
        String p = clean(path);
        boolean excluded = false;
        for (Rule r : rules) {
            if (matchesSelfOrParent(r.pattern(), p)) {
                excluded = r.exclude();
            }
        }
        return excluded;
    }

    /** Whether an exception might bring back something under this directory, so it must be walked. */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(r -> !r.exclude());
    }

    private static boolean matchesSelfOrParent(Pattern pattern, String path) {
        String p = path;
        while (true) {
            if (pattern.matcher(p).matches()) {
                return true;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            p = p.substring(0, slash);
        }
    }

    static String clean(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
                continue;
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    private static String regex(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                        i++;
                        re.append("(.*/)?");
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = pattern.indexOf(']', i);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    String cls = pattern.substring(i + 1, close);
                    re.append('[').append(cls.startsWith("^") || cls.startsWith("!") ? "^" + cls.substring(1) : cls).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
