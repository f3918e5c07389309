package dev.gantry.core.container;

import dev.gantry.core.container.config.ContainerConfig;
import dev.gantry.core.container.config.EndpointConfig;
import dev.gantry.core.container.config.HostConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container as the state store keeps it. Immutable; the {@code with*} methods make the next version.
 *
 * @param config       what runs: the create options merged over the image's config
 * @param hostConfig   how it runs on the host, with defaults filled in
 * @param imageId      the image's ID ({@code sha256:...}); {@code config.Image} keeps the name the user gave
 * @param runtime      the runtime plugin that runs it
 * @param snapshot     the storage driver's key for its writable layer
 * @param mounts       the volumes and binds it uses, as inspect's {@code Mounts} lists them
 * @param generation   how many times it was started, so files of an old run are never taken for the current one
 * @param networks     the networks it joins when it starts: network name to its settings there; the first is the
 *                     one its {@code NetworkMode} names, {@code network connect} and {@code disconnect} change it
 */
public record Container(String id, String name, Instant created, String imageId, ContainerConfig config,
                        HostConfig hostConfig, String runtime, String snapshot, List<MountPoint> mounts,
                        ContainerState state, int restartCount, boolean manuallyStopped, int generation,
                        Map<String, EndpointConfig> networks) {
    public Container {
        mounts = List.copyOf(mounts);
        networks = networks == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(networks));
    }

    public String shortId() {
        return id.substring(0, 12);
    }

    public ContainerStatus status() {
        return state.status();
    }

    public Container withState(ContainerState s) {
        return new Container(id, name, created, imageId, config, hostConfig, runtime, snapshot, mounts, s, restartCount,
                manuallyStopped, generation, networks);
    }

    public Container withName(String n) {
        return new Container(id, n, created, imageId, config, hostConfig, runtime, snapshot, mounts, state, restartCount,
                manuallyStopped, generation, networks);
    }

    public Container withConfig(ContainerConfig cfg) {
        return new Container(id, name, created, imageId, cfg, hostConfig, runtime, snapshot, mounts, state, restartCount,
                manuallyStopped, generation, networks);
    }

    public Container withHostConfig(HostConfig hc) {
        return new Container(id, name, created, imageId, config, hc, runtime, snapshot, mounts, state, restartCount,
                manuallyStopped, generation, networks);
    }

    public Container withRestartCount(int n) {
        return new Container(id, name, created, imageId, config, hostConfig, runtime, snapshot, mounts, state, n,
                manuallyStopped, generation, networks);
    }

    public Container withManuallyStopped(boolean stopped) {
        return new Container(id, name, created, imageId, config, hostConfig, runtime, snapshot, mounts, state,
                restartCount, stopped, generation, networks);
    }

    public Container withNetworks(Map<String, EndpointConfig> n) {
        return new Container(id, name, created, imageId, config, hostConfig, runtime, snapshot, mounts, state,
                restartCount, manuallyStopped, generation, n);
    }

    public Container nextGeneration() {
        return new Container(id, name, created, imageId, config, hostConfig, runtime, snapshot, mounts, state,
                restartCount, manuallyStopped, generation + 1, networks);
    }

    /** The process to run: the entrypoint followed by the command. */
    public List<String> commandLine() {
        return config.commandLine();
    }

    public boolean tty() {
        return config.tty();
    }

    public boolean openStdin() {
        return config.openStdin();
    }

    public boolean autoRemove() {
        return hostConfig.autoRemove();
    }

    public Optional<String> label(String key) {
        return Optional.ofNullable(config.labelsOrEmpty().get(key));
    }

    /** The image as the user named it at create ({@code Config.Image}). */
    public String imageName() {
        return config.image();
    }

    /** The {@code port/proto} keys of {@code Config.ExposedPorts}. */
    public java.util.Set<String> exposedPorts() {
        return config.exposedOrEmpty();
    }

    /** The {@code port/proto} keys that {@code HostConfig.PortBindings} asks host ports for. */
    public java.util.Set<String> requestedPorts() {
        return hostConfig.portBindingsOrEmpty().keySet();
    }

    /** The names of the networks it joins, the {@code NetworkMode} one first. */
    public List<String> networkNames() {
        return new ArrayList<>(networks.keySet());
    }
}
