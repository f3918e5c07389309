package dev.gantry.plugin.network;

import dev.gantry.spi.network.Endpoint;
import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NetworkDriver;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.plugin.PluginDescriptor;
import dev.gantry.spi.plugin.PluginKind;
import java.util.Set;

/**
 * Drivers that make nothing on the host: their networks exist already ({@code host}) or have no interfaces
 * ({@code none}). Every operation is trivially idempotent.
 */
abstract class InterfacelessDriver implements NetworkDriver {
    private final PluginDescriptor descriptor;
    private final String detail;

    InterfacelessDriver(String name, String detail) {
        this.descriptor = new PluginDescriptor(PluginKind.NETWORK, name, "0.1.0", Set.of());
        this.detail = detail;
    }

    @Override
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Availability probe() {
        return Availability.available(detail);
    }

    @Override
    public void createNetwork(NetworkSpec spec) {
        // nothing to make
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
