package dev.gantry.plugin.network;

import dev.gantry.spi.kit.NetworkDriverKit;
import dev.gantry.spi.network.NetworkDriver;

class NoneNetworkDriverTest extends NetworkDriverKit {
    @Override
    protected NetworkDriver newPlugin() {
        return new NoneNetworkDriver();
    }
}
