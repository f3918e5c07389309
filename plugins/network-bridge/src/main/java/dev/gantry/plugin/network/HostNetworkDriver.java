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
 * {@code --network host}: the container joins the host's network namespace, so there is nothing to make or
 * remove; the engine leaves the network namespace out of the OCI spec.
 */
public final class HostNetworkDriver implements NetworkDriver {
    private static final PluginDescriptor DESCRIPTOR =
            new PluginDescriptor(PluginKind.NETWORK, "host", "0.1.0", Set.of());

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability probe() {
        return Availability.available("the host's network namespace");
    }

    @Override
    public NamespaceMode namespaceMode() {
        return NamespaceMode.HOST;
    }

    @Override
    public void createNetwork(NetworkSpec spec) {
        // the host's own network exists already
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
