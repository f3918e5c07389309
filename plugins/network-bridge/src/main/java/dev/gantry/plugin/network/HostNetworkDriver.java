package dev.gantry.plugin.network;

import dev.gantry.spi.network.NamespaceMode;

/**
 * {@code --network host}: the container joins the host's network namespace, so there is nothing to make or
 * remove; the engine leaves the network namespace out of the OCI spec.
 */
public final class HostNetworkDriver extends InterfacelessDriver {
    public HostNetworkDriver() {
        super("host", "the host's network namespace");
    }

    @Override
    public NamespaceMode namespaceMode() {
        return NamespaceMode.HOST;
    }
}
