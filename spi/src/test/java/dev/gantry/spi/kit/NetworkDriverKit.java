package dev.gantry.spi.kit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.network.NetworkDriver;
import dev.gantry.spi.plugin.PluginKind;
import org.junit.jupiter.api.Test;

/**
 * The network driver checks shared by every network plugin. Drivers' own tests add the checks that need a
 * network namespace; the kit grows with the bridge driver.
 */
public abstract class NetworkDriverKit extends PluginKit<NetworkDriver> {
    @Override
    protected Class<NetworkDriver> serviceType() {
        return NetworkDriver.class;
    }

    @Override
    protected PluginKind kind() {
        return PluginKind.NETWORK;
    }

    @Test
    void declaresItsNamespaceMode() {
        assertTrue(newPlugin().namespaceMode() != null);
    }
}
