package dev.gantry.core.builder;

import java.util.ArrayList;
import java.util.List;

/** Splits instruction arguments into words the way Docker's shell-word rules do: quotes group and are removed. */
final class Words {
    private Words() {
    }

    static List<String> split(String text, char escape) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean any = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == escape && quote == '"' && i + 1 < text.length()) {
                    cur.append(text.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (c == escape && i + 1 < text.length()) {
                cur.append(text.charAt(++i));
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unexpected end of statement while looking for matching " + quote);
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    /**
     * {@code KEY=value ...} pairs (ENV, LABEL, ARG); the old one-pair form {@code KEY value words} when
     * {@code legacy} allows it and there is no {@code =} in the first word.
     */
    static List<String[]> pairs(String text, char escape, boolean legacy) {
        List<String> words = split(text, escape);
        List<String[]> out = new ArrayList<>();
        if (words.isEmpty()) {
            return out;
        }
        if (legacy && !words.getFirst().contains("=")) {
            String rest = text.strip().substring(text.strip().indexOf(words.getFirst().charAt(0)) + words.getFirst().length()).strip();
            out.add(new String[] {words.getFirst(), String.join(" ", split(rest, escape))});
            return out;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            out.add(eq < 0 ? new String[] {w} : new String[] {w.substring(0, eq), w.substring(eq + 1)});
        }
        return out;
    }
}
