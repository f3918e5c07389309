package dev.gantry.core.container;

import dev.gantry.core.container.config.HostConfig;
import java.util.Map;
import dev.gantry.core.container.config.EndpointConfig;
import dev.gantry.core.EngineException;
import java.io.IOException;
import java.util.Optional;

/**
 * A container's networks: its endpoints chosen at create, made at start and taken down at exit, and changed by
 * {@code network connect}/{@code disconnect}. Without a networking layer, containers get the host's namespace or
 * one with loopback only.
 */
final class NetworkAttachment {
    private final Optional<ContainerNetworks> networking;
    private final ContainerStore store;
    private final ContainerLocks locks;
    private final ContainerPaths paths;

    NetworkAttachment(Optional<ContainerNetworks> networking, ContainerStore store, ContainerLocks locks, ContainerPaths paths) {
        this.networking = networking;
        this.store = store;
        this.locks = locks;
        this.paths = paths;
        networking.ifPresent(n -> n.containers(store::find));
    }

    Map<String, EndpointConfig> endpointsAtCreate(HostConfig hostConfig, Map<String, EndpointConfig> requested,
                                                  String legacyMac) {
        return networking.map(n -> n.endpointsAtCreate(hostConfig, requested, legacyMac)).orElseGet(Map::of);
    }

    ContainerNetworks.Attachment attach(Container c) {
        return networking.map(n -> n.attach(c)).orElseGet(() -> {
            String mode = c.hostConfig().networkMode();
            return new ContainerNetworks.Attachment(mode.equals("host") ? "host" : "", Optional.empty(), false);
        });
    }

    /** The container as its files see it: with the legacy links' variables and hosts lines. */
    Container linked(Container c) {
        return networking.map(n -> n.linked(c)).orElse(c);
    }

    void detach(Container c) {
        networking.ifPresent(n -> n.detach(c));
    }

    void restore(Container c) {
        networking.ifPresent(n -> n.restore(c));
    }

    /** {@code network connect}: recorded for the next start, and made at once when the container runs. */
    void connect(String ref, String networkRef, EndpointConfig settings) {
        ContainerNetworks net = required();
        Container c = store.resolve(ref);
        locks.withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            var connected = net.connect(now, networkRef, settings, now.status().alive());
            if (connected.dnsStarted()) {
                try {
                    ContainerFiles.useEmbeddedDns(paths.dataDir(now.id()), now);
                } catch (IOException e) {
                    // the names are served; the container asks its old servers until it restarts
                }
            }
            store.update(now.withNetworks(connected.networks()));
            return null;
        });
    }

    /** {@code network disconnect}; with {@code force} a network that no longer exists is dropped by name. */
    void disconnect(String ref, String networkRef, boolean force) {
        ContainerNetworks net = required();
        Container c = store.resolve(ref);
        locks.withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            store.update(now.withNetworks(net.disconnect(now, networkRef, force, now.status().alive())));
            return null;
        });
    }

    /** {@code DELETE /containers/{parent}/{alias}?link=1}: the parent forgets that link; no container goes. */
    void unlink(String parentRef, String alias) {
        ContainerNetworks net = required();
        Container c = store.resolve(parentRef);
        locks.withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            store.update(now.withHostConfig(net.unlinked(now.hostConfig(), alias).orElseThrow(() ->
                    EngineException.notFound("Could not find link /" + now.name() + "/" + alias))));
            return null;
        });
    }

    private ContainerNetworks required() {
        return networking.orElseThrow(() ->
                EngineException.failed("no network driver is available; see GET /gantry/v1/plugins", null));
    }
}
