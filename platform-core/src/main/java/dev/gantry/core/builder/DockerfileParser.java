package dev.gantry.core.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's Dockerfile syntax: parser directives ({@code escape}, {@code syntax}) at the top, comments, line
 * continuations with the escape character, JSON (exec) and shell forms, here-documents for RUN and COPY, and
 * instructions in any case. Errors name the line.
 */
public final class DockerfileParser {
    static final Set<String> KEYWORDS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD",
            "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\2");
    private static final Pattern FLAG = Pattern.compile("^--([a-z-]+)(?:=(\\S*))?(?:\\s+|$)");
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;

    private DockerfileParser() {
    }

    /** A parse error, worded as Docker words them, with the line. */
    public static final class ParseError extends IllegalArgumentException {
        public ParseError(int line, String message) {
            super("dockerfile parse error on line " + line + ": " + message);
        }
    }

    /** A parsed Dockerfile: its escape character (from the {@code escape} directive) and its instructions. */
    public record Parsed(char escape, List<Instruction> instructions) {
    }

    public static List<Instruction> parse(String text) {
        return read(text).instructions();
    }

    public static Parsed read(String text) {
        List<String> lines = List.of(text.replace("\r\n", "\n").split("\n", -1));
        char escape = '\\';
        int i = 0;
        // directives: only before the first instruction, comment or blank line
        for (; i < lines.size(); i++) {
            Matcher m = DIRECTIVE.matcher(lines.get(i).strip());
            if (!m.matches()) {
                break;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (name.equals("escape")) {
                if (!m.group(2).equals("\\") && !m.group(2).equals("`")) {
                    throw new ParseError(i + 1, "invalid escape token '" + m.group(2) + "' does not match ` or \\");
                }
                escape = m.group(2).charAt(0);
            }
        }
        List<Instruction> out = new ArrayList<>();
        while (i < lines.size()) {
            String raw = lines.get(i);
            String trimmed = raw.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder joined = new StringBuilder();
            String current = raw.stripLeading();
            while (true) {
                String body = current.stripTrailing();
                if (endsWithEscape(body, escape)) {
                    joined.append(body, 0, body.length() - 1);
                    i++;
                    // comment and empty lines inside a continuation are dropped, as Docker does
                    while (i < lines.size() && (lines.get(i).strip().startsWith("#") || lines.get(i).strip().isEmpty())) {
                        i++;
                    }
                    if (i >= lines.size()) {
                        break;
                    }
                    current = lines.get(i);
                } else {
                    joined.append(body);
                    i++;
                    break;
                }
            }
            String line = joined.toString().strip();
            int sp = firstSpace(line);
            String word = sp < 0 ? line : line.substring(0, sp);
            String keyword = word.toUpperCase(Locale.ROOT);
            if (!KEYWORDS.contains(keyword)) {
                throw new ParseError(start, "unknown instruction: " + word);
            }
            String rest = sp < 0 ? "" : line.substring(sp).strip();
            Map<String, String> flags = new LinkedHashMap<>();
            if (Set.of("FROM", "RUN", "COPY", "ADD", "HEALTHCHECK").contains(keyword)) {
                Matcher f;
                while ((f = FLAG.matcher(rest)).find()) {
                    flags.put(f.group(1), f.group(2) == null ? "true" : f.group(2));
                    rest = rest.substring(f.end());
                }
            }
            List<Instruction.Heredoc> heredocs = new ArrayList<>();
            if ((keyword.equals("RUN") || keyword.equals("COPY")) && !rest.startsWith("[")) {
                Matcher h = HEREDOC.matcher(rest);
                while (h.find()) {
                    boolean strip = !h.group(1).isEmpty();
                    String delimiter = h.group(3);
                    StringBuilder doc = new StringBuilder();
                    boolean closed = false;
                    while (i < lines.size()) {
                        String l = lines.get(i++);
                        String cmp = strip ? l.replaceFirst("^\t+", "") : l;
                        if (cmp.equals(delimiter)) {
                            closed = true;
                            break;
                        }
                        doc.append(cmp).append('\n');
                    }
                    if (!closed) {
                        throw new ParseError(start, "unterminated heredoc " + delimiter);
                    }
                    heredocs.add(new Instruction.Heredoc(delimiter, doc.toString(), h.group(2).isEmpty()));
                }
            }
            Optional<List<String>> json = Optional.empty();
            if (rest.startsWith("[") && Set.of("RUN", "CMD", "ENTRYPOINT", "SHELL", "VOLUME", "COPY", "ADD", "HEALTHCHECK").contains(keyword)) {
                json = jsonArray(rest);
            }
            if (keyword.equals("HEALTHCHECK")) {
                String[] parts = rest.split("\\s+", 2);
                if (parts.length == 2 && parts[0].equalsIgnoreCase("CMD") && parts[1].startsWith("[")) {
                    json = jsonArray(parts[1]);
                }
            }
            out.add(new Instruction(keyword, flags, rest, json, heredocs, start, line));
        }
        return new Parsed(escape, out);
    }

    private static Optional<List<String>> jsonArray(String s) {
        try {
            JsonNode n = JSON.readTree(s);
            if (n == null || !n.isArray()) {
                return Optional.empty();
            }
            List<String> words = new ArrayList<>();
            for (JsonNode w : n) {
                if (!w.isTextual()) {
                    return Optional.empty();
                }
                words.add(w.asText());
            }
            return Optional.of(words);
        } catch (IOException e) {
            // not JSON: the shell form, as Docker falls back to it
            return Optional.empty();
        }
    }

    private static boolean endsWithEscape(String s, char escape) {
        return !s.isEmpty() && s.charAt(s.length() - 1) == escape;
    }

    private static int firstSpace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }
}
