package dev.gantry.core.image;

import dev.gantry.core.EngineException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    public static void apply(List<String> changes, ObjectNode config) {
        for (String change : changes) {
            String line = change.strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            String instruction = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : line.substring(space + 1).strip();
            switch (instruction) {
                case "CMD" -> config.set("Cmd", command(args, true));
                case "ENTRYPOINT" -> config.set("Entrypoint", command(args, true));
                case "ENV" -> env(args, config);
                case "EXPOSE" -> {
                    ObjectNode ports = config.has("ExposedPorts") && config.get("ExposedPorts").isObject()
                            ? (ObjectNode) config.get("ExposedPorts") : config.putObject("ExposedPorts");
                    for (String p : args.split("\\s+")) {
                        ports.putObject(p.contains("/") ? p : p + "/tcp");
                    }
                }
                case "LABEL" -> {
                    ObjectNode labels = config.has("Labels") && config.get("Labels").isObject()
                            ? (ObjectNode) config.get("Labels") : config.putObject("Labels");
                    pairs(args).forEach(kv -> labels.put(kv[0], kv[1]));
                }
                case "USER" -> config.put("User", args);
                case "WORKDIR" -> config.put("WorkingDir", args);
                case "STOPSIGNAL" -> config.put("StopSignal", args);
                case "VOLUME" -> {
                    ObjectNode volumes = config.has("Volumes") && config.get("Volumes").isObject()
                            ? (ObjectNode) config.get("Volumes") : config.putObject("Volumes");
                    for (var v : command(args, false)) {
                        volumes.putObject(v.asText());
                    }
                }
                default -> throw EngineException.invalid(instruction.toLowerCase(Locale.ROOT)
                        + " is not a valid change command");
            }
        }
    }

    /** JSON form as given; otherwise shell form ({@code /bin/sh -c}) or, for lists, words. */
    private static ArrayNode command(String args, boolean shell) {
        if (args.startsWith("[")) {
            try {
                return (ArrayNode) JSON.readTree(args);
            } catch (IOException | ClassCastException e) {
                throw EngineException.invalid("invalid JSON in change: " + args);
            }
        }
        ArrayNode out = JSON.createArrayNode();
        if (shell) {
            out.add("/bin/sh").add("-c").add(args);
        } else {
            for (String w : args.split("\\s+")) {
                out.add(w);
            }
        }
        return out;
    }

    private static void env(String args, ObjectNode config) {
        ArrayNode env = config.has("Env") && config.get("Env").isArray() ? (ArrayNode) config.get("Env") : config.putArray("Env");
        List<String[]> pairs = args.contains("=") ? pairs(args) : List.<String[]>of(args.split("\\s+", 2));
        for (String[] kv : pairs) {
            String value = kv.length > 1 ? kv[1] : "";
            for (int i = 0; i < env.size(); i++) {
                if (env.get(i).asText().startsWith(kv[0] + "=")) {
                    env.remove(i);
                    break;
                }
            }
            env.add(kv[0] + "=" + value);
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
