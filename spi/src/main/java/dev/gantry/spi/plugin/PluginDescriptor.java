package dev.gantry.spi.plugin;

import java.util.Objects;
import java.util.Set;

/**
 * What a plugin says about itself, before anything is initialised.
 *
 * @param kind         which SPI the plugin implements; must match the interface it implements
 * @param name         unique within its kind, lower case, e.g. {@code vfs}, {@code runc}
 * @param version      the plugin's own version
 * @param capabilities free-form feature words other parts may test for, e.g. {@code pause}, {@code update}
 */
public record PluginDescriptor(PluginKind kind, String name, String version, Set<String> capabilities) {
    public PluginDescriptor {
        Objects.requireNonNull(kind, "kind");
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("plugin name must be lower case letters, digits, '.', '_' or '-': " + name);
        }
        Objects.requireNonNull(version, "version");
        capabilities = Set.copyOf(capabilities);
    }

    public boolean can(String capability) {
        return capabilities.contains(capability);
    }
}
