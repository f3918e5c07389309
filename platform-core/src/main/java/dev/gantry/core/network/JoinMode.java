package dev.gantry.core.network;

import dev.gantry.core.EngineException;
import dev.gantry.spi.network.NamespaceMode;
import dev.gantry.spi.network.NetworkDriver;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a container joins a network, decided by the network's driver through the SPI ({@link
 * NetworkDriver#namespaceMode()}), never by the network's name: the host's namespace, a namespace of its own with
 * loopback only (a network without address pools, Docker's {@code none}), or endpoints in a namespace the engine
 * makes. A third-party driver's networks are joined as the bridge's are.
 */
enum JoinMode {
    HOST, LOOPBACK, ENDPOINTS;

    /** @param network empty for the default bridge when no bridge driver is there: loopback only, as without networking */
    static JoinMode of(Optional<NetworkRecord> network, Function<String, Optional<NetworkDriver>> drivers) {
        if (network.isEmpty()) {
            return LOOPBACK;
        }
        NetworkRecord n = network.get();
        NetworkDriver driver = drivers.apply(pluginName(n)).orElseThrow(() -> EngineException.failed(
                "network driver " + n.driver() + " is not available; see GET /gantry/v1/plugins", null));
        if (driver.namespaceMode() == NamespaceMode.HOST) {
            return HOST;
        }
        return n.pools().isEmpty() ? LOOPBACK : ENDPOINTS;
    }

    /** Docker shows the {@code none} network's driver as {@code null}; its plugin is {@code none}. */
    static String pluginName(NetworkRecord n) {
        return n.driver().equals("null") ? "none" : n.driver();
    }
}
