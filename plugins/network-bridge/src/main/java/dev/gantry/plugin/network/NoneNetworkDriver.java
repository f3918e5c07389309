package dev.gantry.plugin.network;

import dev.gantry.spi.network.Endpoint;
import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NamespaceMode;
import dev.gantry.spi.network.NetworkDriver;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.plugin.PluginDescriptor;
import dev.gantry.spi.plugin.PluginKind;
import java.util.Set;

/**
 * {@code --network none}: the container gets a network namespace of its own (made by the engine) with
 * only the loopback interface, which the OCI runtime brings up. There is nothing else to make or remove.
 */
public final class NoneNetworkDriver implements NetworkDriver {
    private static final PluginDescriptor DESCRIPTOR =
            new PluginDescriptor(PluginKind.NETWORK, "none", "0.1.0", Set.of());

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability probe() {
        return Availability.available("loopback only");
    }

    @Override
    public NamespaceMode namespaceMode() {
        return NamespaceMode.PRIVATE;
    }

    @Override
    public void createNetwork(NetworkSpec spec) {
        // a network without interfaces has no host side
    }

    @Override
    public void deleteNetwork(NetworkSpec spec) {
        // nothing was made
    }

    @Override
    public Endpoint connect(NetworkSpec network, EndpointSpec endpoint) {
        return Endpoint.none();
    }

    @Override
    public void disconnect(NetworkSpec network, EndpointSpec endpoint) {
        // nothing was made
    }
}
