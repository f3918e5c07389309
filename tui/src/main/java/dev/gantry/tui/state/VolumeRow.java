package dev.gantry.tui.state;

import com.fasterxml.jackson.databind.JsonNode;

/** One volume; its size comes from {@code /system/df} when the engine reports it (-1 when not). */
public record VolumeRow(String name, String driver, String mountpoint, long size) {

    public static VolumeRow from(JsonNode v) {
        return new VolumeRow(v.path("Name").asText(), v.path("Driver").asText(), v.path("Mountpoint").asText(),
                v.path("UsageData").path("Size").asLong(-1));
    }

    public VolumeRow withSize(long s) {
        return new VolumeRow(name, driver, mountpoint, s);
    }
}
