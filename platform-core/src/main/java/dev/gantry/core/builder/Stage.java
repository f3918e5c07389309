package dev.gantry.core.builder;

import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.RunConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One stage of a build while it runs: the image it has reached (none yet after {@code FROM scratch}), the
 * image config it carries, and the ARGs it has declared with their values.
 */
final class Stage {
    final String name;
    final int index;
    final Instruction from;
    final List<Instruction> instructions;
    Optional<ImageRecord> image = Optional.empty();
    RunConfig config = RunConfig.EMPTY;
    final Map<String, String> args = new LinkedHashMap<>();
    /** A CMD of this stage: an ENTRYPOINT keeps it, while it resets one the base image brought (Docker's rule). */
    boolean cmdSet;

    Stage(String name, int index, Instruction from, List<Instruction> instructions) {
        this.name = name;
        this.index = index;
        this.from = from;
        this.instructions = List.copyOf(instructions);
    }

    /** The cache's parent key: the image reached, or {@code scratch}. */
    String parentKey() {
        return image.map(i -> i.id().toString()).orElse("scratch");
    }

    /** The variables instructions see: declared ARGs, with ENV over them, as Docker resolves them. */
    Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>(args);
        config.env().forEach(kv -> {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                vars.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        });
        return vars;
    }

    String workdir() {
        String w = config.workingDir();
        return w.isEmpty() ? "/" : w;
    }
}
