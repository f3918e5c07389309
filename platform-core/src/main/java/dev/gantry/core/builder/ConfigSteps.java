package dev.gantry.core.builder;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The steps that only change the image config (ENV, LABEL, ARG, CMD, ...), each an empty-layer history entry. */
final class ConfigSteps {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ImageBuilder.Run run;

    ConfigSteps(ImageBuilder.Run run) {
        this.run = run;
    }

    /** {@code args} has the stage's variables expanded where Docker expands them; {@code next} is the new config. */
    void execute(Stage s, Instruction i, String args, ObjectNode next) {
        switch (i.keyword()) {
            case "ENV" -> {
                List<String[]> pairs = Words.pairs(args, run.escape, true);
                for (String[] kv : pairs) {
                    if (kv.length < 2) {
                        throw new DockerfileParser.ParseError(i.line(), "ENV names can not be blank");
                    }
                    setEnv(next, kv[0], kv[1]);
                }
                run.metadata(s, next, "ENV " + join(pairs));
            }
            case "LABEL" -> {
                List<String[]> pairs = Words.pairs(args, run.escape, true);
                pairs.forEach(kv -> next.withObject("/Labels").put(kv[0], kv.length > 1 ? kv[1] : ""));
                run.metadata(s, next, "LABEL " + join(pairs));
            }
            case "ARG" -> {
                for (String[] kv : Words.pairs(args, run.escape, false)) {
                    run.usedArgs.add(kv[0]);
                    String value = run.options().buildArgs().containsKey(kv[0]) ? run.options().buildArgs().get(kv[0])
                            : kv.length > 1 ? kv[1] : run.metaArgs.get(kv[0]);
                    if (value != null) {
                        s.args.put(kv[0], value);
                    }
                }
                run.metadata(s, next, "ARG " + args);
            }
            case "CMD" -> {
                next.set("Cmd", command(s, i));
                s.cmdSet = true;
                run.metadata(s, next, "CMD " + next.get("Cmd"));
            }
            case "ENTRYPOINT" -> {
                next.set("Entrypoint", command(s, i));
                if (!s.cmdSet) {
                    next.putNull("Cmd");
                }
                run.metadata(s, next, "ENTRYPOINT " + next.get("Entrypoint"));
            }
            case "WORKDIR" -> {
                String w = args.startsWith("/") ? args : (s.workdir().endsWith("/") ? s.workdir() : s.workdir() + "/") + args;
                next.put("WorkingDir", w);
                run.metadata(s, next, "WORKDIR " + w);
            }
            case "USER" -> {
                next.put("User", args);
                run.metadata(s, next, "USER " + args);
            }
            case "EXPOSE" -> {
                for (String p : Words.split(args, run.escape)) {
                    next.withObject("/ExposedPorts").putObject(p.contains("/") ? p.toLowerCase(Locale.ROOT) : p + "/tcp");
                }
                run.metadata(s, next, "EXPOSE " + String.join(" ", Words.split(args, run.escape)));
            }
            case "VOLUME" -> {
                List<String> vols = i.json().orElseGet(() -> Words.split(args, run.escape));
                vols.forEach(v -> next.withObject("/Volumes").putObject(v));
                run.metadata(s, next, "VOLUME " + vols);
            }
            case "STOPSIGNAL" -> {
                next.put("StopSignal", args);
                run.metadata(s, next, "STOPSIGNAL " + args);
            }
            case "SHELL" -> {
                List<String> shell = i.json().orElseThrow(() -> new DockerfileParser.ParseError(i.line(),
                        "SHELL requires the arguments to be in JSON form"));
                ArrayNode a = next.putArray("Shell");
                shell.forEach(a::add);
                run.metadata(s, next, "SHELL " + a);
            }
            case "HEALTHCHECK" -> {
                next.set("Healthcheck", Healthchecks.parse(i, s.config));
                run.metadata(s, next, "HEALTHCHECK " + i.args());
            }
            case "ONBUILD" -> {
                String trigger = i.args().strip();
                String kw = trigger.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
                if (Set.of("ONBUILD", "FROM", "MAINTAINER").contains(kw)) {
                    throw new DockerfileParser.ParseError(i.line(), kw + " isn't allowed as an ONBUILD trigger");
                }
                (next.get("OnBuild") instanceof ArrayNode a ? a : next.putArray("OnBuild")).add(trigger);
                run.metadata(s, next, "ONBUILD " + trigger);
            }
            case "MAINTAINER" -> run.metadata(s, next, "MAINTAINER " + args);
            default -> throw new DockerfileParser.ParseError(i.line(), "unknown instruction: " + i.keyword());
        }
    }

    private String join(List<String[]> pairs) {
        List<String> parts = new ArrayList<>();
        pairs.forEach(kv -> parts.add(kv[0] + "=" + (kv.length > 1 ? quote(kv[1]) : "")));
        return String.join(" ", parts);
    }

    private ArrayNode command(Stage s, Instruction i) {
        ArrayNode a = F.arrayNode();
        if (i.json().isPresent()) {
            i.json().get().forEach(a::add);
        } else {
            run.shell(s).forEach(a::add);
            a.add(i.args());
        }
        return a;
    }

    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:-]+") ? s : "\"" + s.replace("\"", "\\\"") + "\"";
    }

    private static void setEnv(ObjectNode config, String key, String value) {
        ArrayNode env = config.get("Env") instanceof ArrayNode a ? a : config.putArray("Env");
        for (int k = 0; k < env.size(); k++) {
            if (env.get(k).asText().startsWith(key + "=")) {
                env.set(k, F.textNode(key + "=" + value));
                return;
            }
        }
        env.add(key + "=" + value);
    }
}
