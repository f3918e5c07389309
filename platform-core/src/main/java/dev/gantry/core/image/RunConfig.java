package dev.gantry.core.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code config} section of an image config: what a container made from the image runs with unless its
 * create request says otherwise. An empty list, set, map or text means the field is unset (Go's nil), so
 * {@code Cmd: null} and a missing {@code Cmd} read the same.
 *
 * @param exposedPorts {@code 80/tcp}-style keys, in the order they were declared
 * @param volumes container paths, in the order they were declared
 */
public record RunConfig(String user, Set<String> exposedPorts, List<String> env, List<String> cmd,
                        List<String> entrypoint, Set<String> volumes, String workingDir, Map<String, String> labels,
                        String stopSignal, Optional<Healthcheck> healthcheck, List<String> onBuild, List<String> shell,
                        boolean argsEscaped) {
    public static final RunConfig EMPTY = new RunConfig("", Set.of(), List.of(), List.of(), List.of(), Set.of(), "",
            Map.of(), "", Optional.empty(), List.of(), List.of(), false);

    public RunConfig {
        user = user == null ? "" : user;
        exposedPorts = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(exposedPorts));
        env = List.copyOf(env);
        cmd = List.copyOf(cmd);
        entrypoint = List.copyOf(entrypoint);
        volumes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(volumes));
        workingDir = workingDir == null ? "" : workingDir;
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        stopSignal = stopSignal == null ? "" : stopSignal;
        onBuild = List.copyOf(onBuild);
        shell = List.copyOf(shell);
    }

    /** The value of {@code name} in {@link #env()}, the last one winning as in a process's environment. */
    public Optional<String> envValue(String name) {
        Optional<String> found = Optional.empty();
        for (String e : env) {
            if (e.startsWith(name + "=")) {
                found = Optional.of(e.substring(name.length() + 1));
            }
        }
        return found;
    }

    /** Whether the image declares a health check that is not {@code NONE}. */
    public boolean hasHealthcheck() {
        return healthcheck.map(h -> !h.test().isEmpty() && !h.test().getFirst().equals("NONE")).orElse(false);
    }

    public Editor edit() {
        return new Editor(this);
    }

    /**
     * A health check as Docker keeps it: {@code Test} ({@code ["NONE"]}, {@code ["CMD", ...]} or
     * {@code ["CMD-SHELL", cmd]}), durations in nanoseconds and retries, zero meaning "inherit / default".
     */
    public record Healthcheck(List<String> test, long interval, long timeout, long startPeriod, long startInterval,
                              int retries) {
        public Healthcheck {
            test = List.copyOf(test);
        }
    }

    /** A config being changed step by step (a Dockerfile's instructions, {@code --change} lines). */
    public static final class Editor {
        public String user;
        public final Set<String> exposedPorts;
        public final List<String> env;
        public List<String> cmd;
        public List<String> entrypoint;
        public final Set<String> volumes;
        public String workingDir;
        public final Map<String, String> labels;
        public String stopSignal;
        public Optional<Healthcheck> healthcheck;
        public List<String> onBuild;
        public List<String> shell;
        public boolean argsEscaped;

        Editor(RunConfig c) {
            user = c.user;
            exposedPorts = new LinkedHashSet<>(c.exposedPorts);
            env = new ArrayList<>(c.env);
            cmd = c.cmd;
            entrypoint = c.entrypoint;
            volumes = new LinkedHashSet<>(c.volumes);
            workingDir = c.workingDir;
            labels = new LinkedHashMap<>(c.labels);
            stopSignal = c.stopSignal;
            healthcheck = c.healthcheck;
            onBuild = c.onBuild;
            shell = c.shell;
            argsEscaped = c.argsEscaped;
        }

        /** Sets {@code name=value}, in place of an earlier value of that name, else at the end. */
        public Editor setEnv(String name, String value) {
            for (int i = 0; i < env.size(); i++) {
                if (env.get(i).startsWith(name + "=")) {
                    env.set(i, name + "=" + value);
                    return this;
                }
            }
            env.add(name + "=" + value);
            return this;
        }

        public RunConfig build() {
            return new RunConfig(user, exposedPorts, env, cmd, entrypoint, volumes, workingDir, labels, stopSignal,
                    healthcheck, onBuild, shell, argsEscaped);
        }
    }
}
