package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;

/** One plugin of {@code /gantry/v1/plugins}. */
public record PluginRow(String kind, String name, String version, boolean available, boolean selected,
                        String reason) {

    public static PluginRow from(JsonNode p) {
        return new PluginRow(p.path("Kind").asText(), p.path("Name").asText(), p.path("Version").asText(),
                p.path("Available").asBoolean(), p.path("Selected").asBoolean(), p.path("Reason").asText(""));
    }

    public String availability() {
        return available ? (selected ? "in use" : "available") : "unavailable";
    }
}
