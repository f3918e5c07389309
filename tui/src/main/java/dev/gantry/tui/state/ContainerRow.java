package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One container as {@code /containers/json} lists it. */
public record ContainerRow(String id, String name, String image, String imageId, String state, String status,
                           String ports, long created, List<String> networks, List<String> volumes) {

    public static ContainerRow from(JsonNode c) {
        String name = c.path("Names").path(0).asText(c.path("Id").asText());
        List<String> ports = new ArrayList<>();
        for (JsonNode p : c.path("Ports")) {
            String inner = p.path("PrivatePort").asText() + "/" + p.path("Type").asText("tcp");
            ports.add(p.hasNonNull("PublicPort") ? p.path("IP").asText("") + ":" + p.path("PublicPort").asText() + "->" + inner : inner);
        }
        List<String> networks = new ArrayList<>();
        c.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(networks::add);
        List<String> volumes = new ArrayList<>();
        for (JsonNode m : c.path("Mounts")) {
            if (m.path("Type").asText().equals("volume")) {
                volumes.add(m.path("Name").asText());
            }
        }
        return new ContainerRow(c.path("Id").asText(), name.startsWith("/") ? name.substring(1) : name,
                c.path("Image").asText(), c.path("ImageID").asText(), c.path("State").asText(),
                c.path("Status").asText(), String.join(",", ports), c.path("Created").asLong(),
                List.copyOf(networks), List.copyOf(volumes));
    }

    public boolean running() {
        return state.equals("running") || state.equals("paused");
    }

    /** The health a healthcheck reports, as the list's Status text carries it. */
    public String health() {
        if (status.contains("(healthy)")) {
            return "healthy";
        }
        if (status.contains("(unhealthy)")) {
            return "unhealthy";
        }
        if (status.contains("health: starting")) {
            return "starting";
        }
        return "";
    }

    /** "Up 3 minutes (healthy)" → "3m": the list's own uptime, in a narrow column's units. */
    public String uptime() {
        String s = status.replaceAll("\\s*\\((healthy|unhealthy|health: starting|Paused)\\)", "");
        s = s.startsWith("Up ") ? s.substring(3) : s;
        return s.replace("Less than a second", "0s").replace("About a minute", "1m").replace("About an hour", "1h")
                .replaceAll("(\\d+) seconds?", "$1s").replaceAll("(\\d+) minutes?", "$1m")
                .replaceAll("(\\d+) hours?", "$1h").replaceAll("(\\d+) days?", "$1d")
                .replaceAll("(\\d+) weeks?", "$1w").replaceAll("(\\d+) months?", "$1mo")
                .replaceAll("(\\d+) years?", "$1y");
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
