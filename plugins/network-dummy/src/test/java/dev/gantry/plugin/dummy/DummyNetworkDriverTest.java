package dev.gantry.plugin.dummy;

import dev.gantry.spi.kit.NetworkDriverKit;
import dev.gantry.spi.network.NetworkDriver;

/** The third-party example passes the same conformance kit as the built-in drivers. */
class DummyNetworkDriverTest extends NetworkDriverKit {
    @Override
    protected NetworkDriver newPlugin() {
        return new DummyNetworkDriver();
    }
}
