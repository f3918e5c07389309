package dev.gantry.core.container;

import dev.gantry.core.container.config.HostConfig;
import java.util.Map;
import dev.gantry.core.container.config.EndpointConfig;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the lifecycle needs from networking ({@code core.network} implements it, so the container package does not
 * depend on the network package): endpoints chosen at create, made at start, taken down at exit, and changed by
 * {@code network connect}/{@code disconnect} under the container's lock.
 */
public interface ContainerNetworks {
    /** The namespace the runtime should use ({@code host}, empty for a fresh one, or a path) and what was set up. */
    record Attachment(String netns, Optional<String> address, boolean embeddedDns) {
    }

    /** A {@code network connect}: the container's networks with the new one, and whether its embedded DNS started. */
    record Connected(Map<String, EndpointConfig> networks, boolean dnsStarted) {
    }

    /** How links find their targets: the container store's lookup by ID or name. */
    void containers(Function<String, Optional<Container>> lookup);

    /**
     * The networks a new container joins and its settings on each, from what the create asked for (keyed by
     * network name or ID) and the container-wide MAC of clients older than API 1.44.
     */
    Map<String, EndpointConfig> endpointsAtCreate(HostConfig hostConfig, Map<String, EndpointConfig> requested,
                                                  String legacyMac);

    Attachment attach(Container c);

    /** The container as its process and files see it at start: with its legacy links' variables and hosts lines. */
    Container linked(Container c);

    void detach(Container c);

    /** A container found running when the engine starts. */
    void restore(Container c);

    /** Checks a {@code network connect}, and makes the endpoint at once when the container runs. */
    Connected connect(Container c, String networkRef, EndpointConfig settings, boolean running);

    /** Checks a {@code network disconnect} ({@code force}: by name, of a network that is gone) and takes it down. */
    Map<String, EndpointConfig> disconnect(Container c, String networkRef, boolean force, boolean running);

    /** The host config without the legacy link of that alias; empty when there is none. */
    Optional<HostConfig> unlinked(HostConfig hostConfig, String alias);
}
