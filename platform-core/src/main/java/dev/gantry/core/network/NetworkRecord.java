package dev.gantry.core.network;

import java.time.Instant;
import java.util.Map;

/**
 * A network as the engine keeps it.
 *
 * @param subnet     CIDR, empty for host and none
 * @param builtIn    one of the three networks every engine has (bridge, host, none): they cannot be removed
 * @param ipRange    CIDR inside {@code subnet} that automatic addresses come from, empty for the whole subnet
 * @param configured the user gave the subnet, so containers may ask for fixed addresses in it (Docker's rule)
 */
public record NetworkRecord(String id, String name, String driver, String subnet, String gateway, boolean internal,
                            boolean attachable, Map<String, String> labels, Map<String, String> options,
                            Instant created, boolean builtIn, String ipRange, boolean configured) {
    public NetworkRecord {
        labels = Map.copyOf(labels);
        options = Map.copyOf(options);
        ipRange = ipRange == null ? "" : ipRange;
    }

    public int prefixLength() {
        return subnet.isEmpty() ? 0 : Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
    }

    /** User-defined bridges resolve their containers' names; the default bridge does not, as in Docker. */
    public boolean resolvesNames() {
        return !builtIn && driver.equals("bridge");
    }
}
