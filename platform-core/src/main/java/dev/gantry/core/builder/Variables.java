package dev.gantry.core.builder;

import java.util.Map;

/**
 * Docker's variable substitution in Dockerfile instructions: {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-default}}, {@code ${VAR:+alternative}} (and the forms without the colon, which test only
 * whether the variable is set), and the escape character before {@code $} for a literal dollar. Text in single
 * quotes is left alone, as the shell-form rules say.
 */
public final class Variables {
    private Variables() {
    }

    public static String expand(String text, Map<String, String> vars, char escape, int line) {
        StringBuilder out = new StringBuilder();
        boolean single = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == escape && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i++;
            } else if (c == escape && i + 1 < text.length()) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\'') {
                single = !single;
                out.append(c);
            } else if (c == '$' && !single && i + 1 < text.length()) {
                i = variable(text, i + 1, vars, escape, line, out) - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Appends the value of the variable starting at {@code at} (after the {@code $}); returns where text resumes. */
    private static int variable(String text, int at, Map<String, String> vars, char escape, int line, StringBuilder out) {
        if (text.charAt(at) == '{') {
            int close = matchingBrace(text, at);
            if (close < 0) {
                throw new DockerfileParser.ParseError(line, "missing '}' in " + text);
            }
            String inner = text.substring(at + 1, close);
            int op = operator(inner);
            if (op < 0) {
                out.append(vars.getOrDefault(inner, ""));
            } else {
                String name = inner.substring(0, op);
                boolean colon = inner.charAt(op) == ':';
                char kind = inner.charAt(colon ? op + 1 : op);
                String word = expand(inner.substring(colon ? op + 2 : op + 1), vars, escape, line);
                String value = vars.get(name);
                boolean set = value != null && (!colon || !value.isEmpty());
                switch (kind) {
                    case '-' -> out.append(set ? value : word);
                    case '+' -> out.append(set ? word : "");
                    case '?' -> {
                        if (!set) {
                            throw new DockerfileParser.ParseError(line, name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                        }
                        out.append(value);
                    }
                    default -> throw new DockerfileParser.ParseError(line, "unsupported modifier (" + kind + ") in substitution");
                }
            }
            return close + 1;
        }
        int end = at;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end == at) {
            out.append('$');
            return at;
        }
        out.append(vars.getOrDefault(text.substring(at, end), ""));
        return end;
    }

    private static int operator(String inner) {
        for (int k = 0; k < inner.length(); k++) {
            char c = inner.charAt(k);
            if (c == ':' || c == '-' || c == '+' || c == '?') {
                return k;
            }
        }
        return -1;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int k = open; k < text.length(); k++) {
            if (text.charAt(k) == '{') {
                depth++;
            } else if (text.charAt(k) == '}' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }
}
