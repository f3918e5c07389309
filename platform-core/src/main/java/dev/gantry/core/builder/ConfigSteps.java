package dev.gantry.core.builder;

import dev.gantry.core.image.ImageConfigCodec;
import dev.gantry.core.image.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The steps that only change the image config (ENV, LABEL, ARG, CMD, ...), each an empty-layer history entry. */
final class ConfigSteps {
    private final ImageBuilder.Run run;

    ConfigSteps(ImageBuilder.Run run) {
        this.run = run;
    }

    /** {@code args} has the stage's variables expanded where Docker expands them; {@code next} is the new config. */
    void execute(Stage s, Instruction i, String args, RunConfig.Editor next) {
        switch (i.keyword()) {
            case "ENV" -> {
                List<String[]> pairs = Words.pairs(args, run.escape, true);
                for (String[] kv : pairs) {
                    if (kv.length < 2) {
                        throw new DockerfileParser.ParseError(i.line(), "ENV names can not be blank");
                    }
                    next.setEnv(kv[0], kv[1]);
                }
                run.metadata(s, next, "ENV " + join(pairs));
            }
            case "LABEL" -> {
                List<String[]> pairs = Words.pairs(args, run.escape, true);
                pairs.forEach(kv -> next.labels.put(kv[0], kv.length > 1 ? kv[1] : ""));
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
                next.cmd = command(s, i);
                s.cmdSet = true;
                run.metadata(s, next, "CMD " + ImageConfigCodec.jsonList(next.cmd));
            }
            case "ENTRYPOINT" -> {
                next.entrypoint = command(s, i);
                if (!s.cmdSet) {
                    next.cmd = List.of();
                }
                run.metadata(s, next, "ENTRYPOINT " + ImageConfigCodec.jsonList(next.entrypoint));
            }
            case "WORKDIR" -> {
                String w = args.startsWith("/") ? args : (s.workdir().endsWith("/") ? s.workdir() : s.workdir() + "/") + args;
                next.workingDir = w;
                run.metadata(s, next, "WORKDIR " + w);
            }
            case "USER" -> {
                next.user = args;
                run.metadata(s, next, "USER " + args);
            }
            case "EXPOSE" -> {
                for (String p : Words.split(args, run.escape)) {
                    next.exposedPorts.add(p.contains("/") ? p.toLowerCase(Locale.ROOT) : p + "/tcp");
                }
                run.metadata(s, next, "EXPOSE " + String.join(" ", Words.split(args, run.escape)));
            }
            case "VOLUME" -> {
                List<String> vols = i.json().orElseGet(() -> Words.split(args, run.escape));
                next.volumes.addAll(vols);
                run.metadata(s, next, "VOLUME " + vols);
            }
            case "STOPSIGNAL" -> {
                next.stopSignal = args;
                run.metadata(s, next, "STOPSIGNAL " + args);
            }
            case "SHELL" -> {
                List<String> shell = i.json().orElseThrow(() -> new DockerfileParser.ParseError(i.line(),
                        "SHELL requires the arguments to be in JSON form"));
                next.shell = List.copyOf(shell);
                run.metadata(s, next, "SHELL " + ImageConfigCodec.jsonList(next.shell));
            }
            case "HEALTHCHECK" -> {
                next.healthcheck = java.util.Optional.of(Healthchecks.parse(i));
                run.metadata(s, next, "HEALTHCHECK " + i.args());
            }
            case "ONBUILD" -> {
                String trigger = i.args().strip();
                String kw = trigger.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
                if (Set.of("ONBUILD", "FROM", "MAINTAINER").contains(kw)) {
                    throw new DockerfileParser.ParseError(i.line(), kw + " isn't allowed as an ONBUILD trigger");
                }
                List<String> triggers = new ArrayList<>(next.onBuild);
                triggers.add(trigger);
                next.onBuild = triggers;
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

    private List<String> command(Stage s, Instruction i) {
        if (i.json().isPresent()) {
            return List.copyOf(i.json().get());
        }
        List<String> a = new ArrayList<>(run.shell(s));
        a.add(i.args());
        return a;
    }

    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:-]+") ? s : "\"" + s.replace("\"", "\\\"") + "\"";
    }
}
