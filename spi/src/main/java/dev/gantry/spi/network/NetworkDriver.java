package dev.gantry.spi.network;

import dev.gantry.spi.plugin.Plugin;

/**
 * Networks and the endpoints that attach containers to them (bridge, host, none).
 *
 * <p>Ownership: the engine owns network records, IPAM and the container's network namespace file (it makes it
 * before the runtime starts the container and removes it at {@code rm}); the driver owns what it makes on the
 * host for a network (bridges, firewall rules) and for an endpoint (veth pairs, port rules), and must be able
 * to find and remove all of it again from the specs alone, after an engine crash.
 *
 * <p>Idempotence: {@link #createNetwork} of an existing network and {@link #deleteNetwork} or
 * {@link #disconnect} of a missing one succeed, so the engine can replay them when it reconciles at start.
 */
public interface NetworkDriver extends Plugin {

    /** Whether containers on this driver's networks get a private namespace or use the host's. */
    NamespaceMode namespaceMode();

    /** Makes the host side of a network. On failure nothing of it is left. */
    void createNetwork(NetworkSpec spec);

    /** Removes everything {@link #createNetwork} made. */
    void deleteNetwork(NetworkSpec spec);

    /** Attaches a container: interfaces in its namespace, addresses, routes, published ports. */
    Endpoint connect(NetworkSpec network, EndpointSpec endpoint);

    /** Removes everything {@link #connect} made for that endpoint. */
    void disconnect(NetworkSpec network, EndpointSpec endpoint);

    /**
     * Makes a connected endpoint carry the container's default route, when the endpoint that carried it has
     * left. Idempotent. The default does nothing, for drivers whose endpoints carry no routes.
     */
    default void carryDefaultRoute(NetworkSpec network, EndpointSpec endpoint) {
    }
}
