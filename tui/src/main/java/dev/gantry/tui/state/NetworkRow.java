package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One network as {@code /networks} lists it. */
public record NetworkRow(String id, String name, String driver, String subnet) {

    public static NetworkRow from(JsonNode n) {
        List<String> subnets = new ArrayList<>();
        n.path("IPAM").path("Config").forEach(c -> {
            if (c.hasNonNull("Subnet")) {
                subnets.add(c.path("Subnet").asText());
            }
        });
        return new NetworkRow(n.path("Id").asText(), n.path("Name").asText(), n.path("Driver").asText(),
                String.join(",", subnets));
    }
}
