package dev.gantry.core.builder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Dockerfile instruction as parsed, before variables are substituted.
 *
 * @param keyword  upper case: {@code RUN}, {@code COPY}, ...
 * @param flags    {@code --name=value} flags before the arguments ({@code --from}, {@code --chown}, ...)
 * @param args     the rest of the line, continuation lines joined
 * @param json     the arguments in exec (JSON array) form, when they are one
 * @param heredocs here-documents that followed the line ({@code <<EOF}), by delimiter, in order
 * @param line     1-based line where the instruction starts, for errors
 * @param original the instruction as written (continuations joined), for history
 */
public record Instruction(String keyword, Map<String, String> flags, String args, Optional<List<String>> json,
                          List<Heredoc> heredocs, int line, String original) {
    public Instruction {
        flags = Map.copyOf(flags);
        heredocs = List.copyOf(heredocs);
    }

    /** A here-document: its body, and whether {@code $VAR} in it is expanded (an unquoted delimiter). */
    public record Heredoc(String delimiter, String body, boolean expand) {
    }

    public String flag(String name, String fallback) {
        return flags.getOrDefault(name, fallback);
    }
}
