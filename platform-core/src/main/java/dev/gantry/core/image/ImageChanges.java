package dev.gantry.core.image;

import dev.gantry.core.EngineException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The Dockerfile instructions {@code docker import --change} and {@code docker commit --change} accept, applied
 * to an image config's {@code config} object: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR,
 * STOPSIGNAL. Anything else is refused, as Docker refuses it.
 */
public final class ImageChanges {
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;

    private ImageChanges() {
    }

    /** Applies {@code changes} to {@code config}, returning the changed config. */
    public static RunConfig apply(List<String> changes, RunConfig config) {
        RunConfig.Editor c = config.edit();
        for (String change : changes) {
            String line = change.strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            String instruction = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : line.substring(space + 1).strip();
            switch (instruction) {
                case "CMD" -> c.cmd = command(args, true);
                case "ENTRYPOINT" -> c.entrypoint = command(args, true);
                case "ENV" -> env(args, c);
                case "EXPOSE" -> {
                    for (String p : args.split("\\s+")) {
                        c.exposedPorts.add(p.contains("/") ? p : p + "/tcp");
                    }
                }
                case "LABEL" -> pairs(args).forEach(kv -> c.labels.put(kv[0], kv[1]));
                case "USER" -> c.user = args;
                case "WORKDIR" -> c.workingDir = args;
                case "STOPSIGNAL" -> c.stopSignal = args;
                case "VOLUME" -> c.volumes.addAll(command(args, false));
                default -> throw EngineException.invalid(instruction.toLowerCase(Locale.ROOT)
                        + " is not a valid change command");
            }
        }
        return c.build();
    }

    /** JSON form as given; otherwise shell form ({@code /bin/sh -c}) or, for lists, words. */
    private static List<String> command(String args, boolean shell) {
        if (args.startsWith("[")) {
            try {
                return List.of(JSON.readValue(args, String[].class));
            } catch (IOException | RuntimeException e) {
                throw EngineException.invalid("invalid JSON in change: " + args);
            }
        }
        return shell ? List.of("/bin/sh", "-c", args) : List.of(args.split("\\s+"));
    }

    private static void env(String args, RunConfig.Editor c) {
        List<String[]> pairs = args.contains("=") ? pairs(args) : List.<String[]>of(args.split("\\s+", 2));
        for (String[] kv : pairs) {
            String value = kv.length > 1 ? kv[1] : "";
            // the new value goes last, as dockerd's commit writes it
            c.env.removeIf(e -> e.startsWith(kv[0] + "="));
            c.env.add(kv[0] + "=" + value);
        }
    }

    /** {@code a=1 b="two words"}. */
    private static List<String[]> pairs(String args) {
        List<String[]> out = new java.util.ArrayList<>();
        var m = java.util.regex.Pattern.compile("([^\\s=]+)=(\"([^\"]*)\"|(\\S*))").matcher(args);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(3) != null ? m.group(3) : m.group(4)});
        }
        if (out.isEmpty()) {
            throw EngineException.invalid("expected key=value in change: " + args);
        }
        return out;
    }
}
