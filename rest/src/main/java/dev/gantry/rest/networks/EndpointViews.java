package dev.gantry.rest.networks;

import dev.gantry.core.container.store.EndpointConfigDocument;
import dev.gantry.core.container.config.EndpointConfig;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.network.EndpointRecord;
import dev.gantry.core.network.NetworkRecord;
import dev.gantry.core.network.Pool;
import java.util.List;

/** Docker's {@code EndpointSettings} of a container on one network, as container inspect shows it. */
public final class EndpointViews {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private EndpointViews() {
    }

    /**
     * @param e        the endpoint, null while the container is not on the network (stopped)
     * @param settings what the container asked for on it (aliases, IPAMConfig, MacAddress, and on a user-defined
     *                 network its legacy links as {@code target:alias})
     */
    public static void endpoint(ObjectNode ep, String networkId, EndpointRecord e, NetworkRecord net,
                                EndpointConfig settings, List<String> dnsNames) {
        ep.set("IPAMConfig", EndpointConfigDocument.ipam(settings));
        ep.set("Links", settings.links().isEmpty() ? F.nullNode() : strings(settings.links()));
        ep.set("Aliases", settings.aliases().isEmpty() ? F.nullNode() : strings(settings.aliases()));
        ep.put("MacAddress", e == null ? settings.macAddress() : e.mac());
        ep.putNull("DriverOpts");
        ep.put("GwPriority", 0);
        ep.put("NetworkID", networkId);
        ep.put("EndpointID", e == null ? "" : e.endpointId());
        ep.put("Gateway", e == null ? "" : net.gateway());
        ep.put("IPAddress", e == null ? "" : e.address());
        ep.put("IPPrefixLen", e == null ? 0 : net.prefixLength(e.address()));
        boolean v6 = e != null && !e.address6().isEmpty();
        ep.put("IPv6Gateway", v6 ? net.poolOf(e.address6()).map(Pool::gateway).orElse("") : "");
        ep.put("GlobalIPv6Address", v6 ? e.address6() : "");
        ep.put("GlobalIPv6PrefixLen", v6 ? net.prefixLength(e.address6()) : 0);
        if (dnsNames.isEmpty()) {
            ep.putNull("DNSNames");
        } else {
            ArrayNode names = ep.putArray("DNSNames");
            dnsNames.forEach(names::add);
        }
    }

    /** The deprecated top-level IPv6 fields of {@code NetworkSettings}: the first network's, as for the others. */
    private static ArrayNode strings(List<String> l) {
        ArrayNode a = F.arrayNode();
        l.forEach(a::add);
        return a;
    }

    public static void topLevelIpv6(ObjectNode settings, EndpointRecord e, NetworkRecord net) {
        boolean v6 = !e.address6().isEmpty();
        settings.put("GlobalIPv6Address", v6 ? e.address6() : "");
        settings.put("GlobalIPv6PrefixLen", v6 ? net.prefixLength(e.address6()) : 0);
        settings.put("IPv6Gateway", v6 ? net.poolOf(e.address6()).map(Pool::gateway).orElse("") : "");
    }
}
