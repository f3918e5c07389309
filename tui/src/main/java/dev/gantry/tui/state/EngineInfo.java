package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;

/** What {@code /version} and {@code /info} say about the engine. */
public record EngineInfo(String product, String version, String apiVersion, String os, String kernel,
                         String storageDriver, String defaultRuntime, int cpus, long memTotal, int containers,
                         int running, int images) {

    public static EngineInfo from(JsonNode version, JsonNode info) {
        String product = "Docker Engine";
        String v = version.path("Version").asText();
        for (JsonNode c : version.path("Components")) {
            if (c.path("Name").asText().equals("Gantry")) {
                product = "Gantry";
                v = c.path("Version").asText();
            }
        }
        if (version.path("Platform").path("Name").asText().toLowerCase(java.util.Locale.ROOT).contains("podman")) {
            product = "Podman";
        }
        return new EngineInfo(product, v, version.path("ApiVersion").asText(), info.path("OperatingSystem").asText(),
                info.path("KernelVersion").asText(), info.path("Driver").asText(), info.path("DefaultRuntime").asText(),
                info.path("NCPU").asInt(), info.path("MemTotal").asLong(), info.path("Containers").asInt(),
                info.path("ContainersRunning").asInt(), info.path("Images").asInt());
    }

    public boolean gantry() {
        return product.equals("Gantry");
    }
}
