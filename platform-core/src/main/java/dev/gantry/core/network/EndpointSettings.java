package dev.gantry.core.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's {@code EndpointSettings} of a container on one network, as a create or a connect gives them: what
 * Gantry keeps of them, checked against dockerd's rules, and what they ask IPAM for.
 */
final class EndpointSettings {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EndpointSettings() {
    }

    /**
     * The endpoint settings Gantry keeps (aliases, fixed addresses, link-local addresses, a MAC), checked against
     * Docker's rules.
     */
    static ObjectNode checked(NetworkRecord n, JsonNode given) {
        ObjectNode s = JSON.objectNode();
        ArrayNode aliases = s.putArray("Aliases");
        given.path("Aliases").forEach(a -> {
            if (!a.asText().isEmpty()) {
                aliases.add(a.asText());
            }
        });
        JsonNode ipam = given.path("IPAMConfig");
        String ip = ipam.path("IPv4Address").asText("");
        String ip6 = ipam.path("IPv6Address").asText("");
        if (!n.resolvesNames() && (!aliases.isEmpty() || !ip.isEmpty() || !ip6.isEmpty())) {
            throw EngineException.invalid(!ip.isEmpty() || !ip6.isEmpty() ? "user specified IP address is supported on user defined networks only"
                    : "network-scoped alias is supported only for containers in user defined networks");
        }
        ObjectNode kept = JSON.objectNode();
        if (!ip.isEmpty()) {
            if (!n.configured()) {
                throw EngineException.invalid("user specified IP address is supported only when connecting to networks with user configured subnets");
            }
            Subnets.parse(ip);
            kept.put("IPv4Address", ip);
        }
        if (!ip6.isEmpty()) {
            if (n.pool6().filter(Pool::configured).isEmpty()) {
                throw EngineException.invalid("user specified IP address is supported only when connecting to networks with user configured subnets");
            }
            if (!Cidr.isV6(ip6)) {
                throw EngineException.invalid("invalid IPv6 address: " + ip6);
            }
            kept.put("IPv6Address", Cidr.canonical(ip6));
        }
        if (ipam.path("LinkLocalIPs").isArray() && !ipam.path("LinkLocalIPs").isEmpty()) {
            ArrayNode linkLocal = kept.putArray("LinkLocalIPs");
            ipam.path("LinkLocalIPs").forEach(l -> linkLocal.add(Cidr.canonical(l.asText(""))));
        }
        if (kept.isEmpty()) {
            s.putNull("IPAMConfig");
        } else {
            s.set("IPAMConfig", kept);
        }
        String mac = given.path("MacAddress").asText("");
        if (!mac.isEmpty()) {
            s.put("MacAddress", Macs.parse(mac));
        }
        return s;
    }

    /** What an endpoint's settings ask IPAM for. */
    static NetworkStore.Wanted wanted(JsonNode settings) {
        JsonNode ipam = settings.path("IPAMConfig");
        List<String> linkLocal = strings(ipam.path("LinkLocalIPs"));
        return new NetworkStore.Wanted(text(ipam, "IPv4Address"), text(ipam, "IPv6Address"), text(settings, "MacAddress"), linkLocal);
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.of(node.path(field).asText("")).filter(v -> !v.isEmpty());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
