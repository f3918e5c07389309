package dev.gantry.core.network;

import java.time.Instant;
import java.util.Map;

/**
 * A network as the engine keeps it.
 *
 * @param subnet  CIDR, empty for host and none
 * @param builtIn one of the three networks every engine has (bridge, host, none): they cannot be removed
 */
public record NetworkRecord(String id, String name, String driver, String subnet, String gateway, boolean internal,
                            boolean attachable, Map<String, String> labels, Map<String, String> options,
                            Instant created, boolean builtIn) {
    public NetworkRecord {
        labels = Map.copyOf(labels);
        options = Map.copyOf(options);
    }

    public int prefixLength() {
        return subnet.isEmpty() ? 0 : Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
    }
}
