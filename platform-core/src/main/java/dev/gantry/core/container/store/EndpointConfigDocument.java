package dev.gantry.core.container.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.container.config.EndpointConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link EndpointConfig} in Docker's {@code EndpointSettings} form ({@code Aliases}, {@code IPAMConfig},
 * {@code MacAddress}, {@code Links}), as requests give it and as the state store has always kept it.
 */
public final class EndpointConfigDocument {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private EndpointConfigDocument() {
    }

    /** Leniently: what is absent or not of the right kind is not asked for. */
    public static EndpointConfig read(JsonNode n) {
        if (n == null || !n.isObject()) {
            return EndpointConfig.none();
        }
        JsonNode ipam = n.path("IPAMConfig");
        return new EndpointConfig(strings(n.path("Aliases")), ipam.path("IPv4Address").asText(""),
                ipam.path("IPv6Address").asText(""), strings(ipam.path("LinkLocalIPs")), n.path("MacAddress").asText(""),
                strings(n.path("Links")));
    }

    public static ObjectNode write(EndpointConfig e) {
        ObjectNode n = F.objectNode();
        n.set("Aliases", array(e.aliases()));
        n.set("IPAMConfig", ipam(e));
        if (!e.macAddress().isEmpty()) {
            n.put("MacAddress", e.macAddress());
        }
        if (!e.links().isEmpty()) {
            n.set("Links", array(e.links()));
        }
        return n;
    }

    /** Docker's {@code IPAMConfig}: the addresses asked for, or {@code null} when none were. */
    public static JsonNode ipam(EndpointConfig e) {
        if (!e.asksForAddresses()) {
            return F.nullNode();
        }
        ObjectNode kept = F.objectNode();
        if (!e.ipv4Address().isEmpty()) {
            kept.put("IPv4Address", e.ipv4Address());
        }
        if (!e.ipv6Address().isEmpty()) {
            kept.put("IPv6Address", e.ipv6Address());
        }
        if (!e.linkLocalIps().isEmpty()) {
            kept.set("LinkLocalIPs", array(e.linkLocalIps()));
        }
        return kept;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(a -> out.add(a.asText("")));
        }
        return out;
    }

    private static ArrayNode array(List<String> l) {
        ArrayNode a = F.arrayNode();
        l.forEach(a::add);
        return a;
    }
}
