package dev.gantry.plugin.network;

import dev.gantry.spi.network.NamespaceMode;

/**
 * {@code --network none}: the container gets a network namespace of its own (made by the engine) with only the
 * loopback interface, which the OCI runtime brings up. There is nothing else to make or remove.
 */
public final class NoneNetworkDriver extends InterfacelessDriver {
    public NoneNetworkDriver() {
        super("none", "loopback only");
    }

    @Override
    public NamespaceMode namespaceMode() {
        return NamespaceMode.PRIVATE;
    }
}
