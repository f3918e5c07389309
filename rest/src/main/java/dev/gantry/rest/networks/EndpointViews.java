package dev.gantry.rest.networks;

import com.fasterxml.jackson.databind.JsonNode;
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
    public static void endpoint(ObjectNode ep, String networkId, EndpointRecord e, NetworkRecord net, JsonNode settings,
                                List<String> dnsNames) {
        ep.set("IPAMConfig", settings.path("IPAMConfig").isObject() ? settings.get("IPAMConfig") : F.nullNode());
        ep.set("Links", settings.path("Links").isArray() && !settings.path("Links").isEmpty() ? settings.get("Links") : F.nullNode());
        ArrayNode aliases = F.arrayNode();
        settings.path("Aliases").forEach(aliases::add);
        ep.set("Aliases", aliases.isEmpty() ? F.nullNode() : aliases);
        ep.put("MacAddress", e == null ? settings.path("MacAddress").asText("") : e.mac());
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
    public static void topLevelIpv6(ObjectNode settings, EndpointRecord e, NetworkRecord net) {
        boolean v6 = !e.address6().isEmpty();
        settings.put("GlobalIPv6Address", v6 ? e.address6() : "");
        settings.put("GlobalIPv6PrefixLen", v6 ? net.prefixLength(e.address6()) : 0);
        settings.put("IPv6Gateway", v6 ? net.poolOf(e.address6()).map(Pool::gateway).orElse("") : "");
    }
}
