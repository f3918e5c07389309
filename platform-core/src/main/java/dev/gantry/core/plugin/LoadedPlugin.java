package dev.gantry.core.plugin;

import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.plugin.Plugin;
import dev.gantry.spi.plugin.PluginDescriptor;

/**
 * A discovered plugin and what became of it: an unavailable one (by its probe, or because its init failed)
 * is kept for listing with its reason and never handed out.
 */
public record LoadedPlugin(PluginDescriptor descriptor, Availability availability, PluginSource source, Plugin plugin) {
    public boolean usable() {
        return availability.available();
    }
}
