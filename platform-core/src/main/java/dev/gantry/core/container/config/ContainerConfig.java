package dev.gantry.core.container.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What runs in a container, Docker's {@code Config}: the create request merged over the image's config. A
 * {@code null} collection, health check, stop signal or stop timeout is one nobody gave (inspect shows it as
 * {@code null} or leaves it out, as dockerd does); an empty one was given empty.
 *
 * @param exposedPorts {@code port/proto} keys
 * @param volumes      the anonymous volumes' paths
 * @param stopTimeout  seconds
 */
public record ContainerConfig(String hostname, String domainname, String user, boolean attachStdin,
                              boolean attachStdout, boolean attachStderr, Set<String> exposedPorts, boolean tty,
                              boolean openStdin, boolean stdinOnce, List<String> env, List<String> cmd,
                              HealthConfig healthcheck, boolean argsEscaped, String image, Set<String> volumes,
                              String workingDir, List<String> entrypoint, boolean networkDisabled, String macAddress,
                              List<String> onBuild, Map<String, String> labels, String stopSignal,
                              Integer stopTimeout, List<String> shell) {
    public ContainerConfig {
        hostname = text(hostname);
        domainname = text(domainname);
        user = text(user);
        image = text(image);
        workingDir = text(workingDir);
        macAddress = text(macAddress);
        exposedPorts = copy(exposedPorts);
        volumes = copy(volumes);
        env = copy(env);
        cmd = copy(cmd);
        entrypoint = copy(entrypoint);
        onBuild = copy(onBuild);
        shell = copy(shell);
        labels = labels == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** A config with nothing given. */
    public static ContainerConfig empty() {
        return new ContainerConfig("", "", "", false, false, false, null, false, false, false, null, null, null, false,
                "", null, "", null, false, "", null, null, null, null, null);
    }

    /** The process to run: the entrypoint followed by the command. */
    public List<String> commandLine() {
        List<String> line = new ArrayList<>(orEmpty(entrypoint));
        line.addAll(orEmpty(cmd));
        return line;
    }

    public List<String> envOrEmpty() {
        return orEmpty(env);
    }

    public Set<String> exposedOrEmpty() {
        return exposedPorts == null ? Set.of() : exposedPorts;
    }

    public Set<String> volumesOrEmpty() {
        return volumes == null ? Set.of() : volumes;
    }

    public Map<String, String> labelsOrEmpty() {
        return labels == null ? Map.of() : labels;
    }

    public Optional<HealthConfig> health() {
        return Optional.ofNullable(healthcheck);
    }

    public ContainerConfig withImage(String i) {
        return new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout, attachStderr, exposedPorts,
                tty, openStdin, stdinOnce, env, cmd, healthcheck, argsEscaped, i, volumes, workingDir, entrypoint,
                networkDisabled, macAddress, onBuild, labels, stopSignal, stopTimeout, shell);
    }

    public ContainerConfig withEnv(List<String> e) {
        return new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout, attachStderr, exposedPorts,
                tty, openStdin, stdinOnce, e, cmd, healthcheck, argsEscaped, image, volumes, workingDir, entrypoint,
                networkDisabled, macAddress, onBuild, labels, stopSignal, stopTimeout, shell);
    }

    public ContainerConfig withHostname(String h) {
        return new ContainerConfig(h, domainname, user, attachStdin, attachStdout, attachStderr, exposedPorts,
                tty, openStdin, stdinOnce, env, cmd, healthcheck, argsEscaped, image, volumes, workingDir, entrypoint,
                networkDisabled, macAddress, onBuild, labels, stopSignal, stopTimeout, shell);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <T> List<T> copy(List<T> l) {
        return l == null ? null : Collections.unmodifiableList(new ArrayList<>(l));
    }

    private static <T> Set<T> copy(Set<T> s) {
        return s == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(s));
    }
}
