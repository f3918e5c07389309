package dev.gantry.spi.network;

import java.util.Map;
import java.util.Optional;

/**
 * A network as the engine asks a driver to make it.
 *
 * @param id       the engine's id for it (64 hex characters)
 * @param name     its user-facing name
 * @param subnet   CIDR chosen by the engine's IPAM, empty for drivers that have no addresses
 * @param gateway  the gateway address in {@code subnet}
 * @param internal no route out of the network
 * @param options  driver options ({@code com.docker.network.bridge.name} and such)
 */
public record NetworkSpec(String id, String name, Optional<String> subnet, Optional<String> gateway,
                          boolean internal, Map<String, String> options) {
    public NetworkSpec {
        options = Map.copyOf(options);
    }
}
