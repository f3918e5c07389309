package dev.gantry.spi.network;

import java.util.Optional;

/**
 * What {@link NetworkDriver#connect} made.
 *
 * @param interfaceName the interface name inside the container, e.g. {@code eth0}; empty when none was made
 * @param address       CIDR form, empty when none
 * @param gateway       empty when none
 * @param macAddress    empty when none
 */
public record Endpoint(Optional<String> interfaceName, Optional<String> address, Optional<String> gateway,
                       Optional<String> macAddress) {
    public static Endpoint none() {
        return new Endpoint(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
