package dev.gantry.plugin.network;

import dev.gantry.spi.kit.NetworkDriverKit;
import dev.gantry.spi.network.NetworkDriver;

class HostNetworkDriverTest extends NetworkDriverKit {
    @Override
    protected NetworkDriver newPlugin() {
        return new HostNetworkDriver();
    }
}
