package dev.gantry.core;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's settings, as core needs them. The server fills it from its typed configuration.
 *
 * @param dataRoot       persistent state ({@code /var/lib/gantry})
 * @param runRoot        state that dies with the machine ({@code /run/gantry})
 * @param storageDriver  the storage plugin to use; empty picks the first available in preference order
 * @param defaultRuntime the runtime plugin for containers that name none; empty picks as above
 * @param pluginOptions  per plugin name, its options
 */
public record EngineConfig(Path dataRoot, Path runRoot, Optional<String> storageDriver,
                           Optional<String> defaultRuntime, Map<String, Map<String, String>> pluginOptions) {
    public EngineConfig {
        pluginOptions = Map.copyOf(pluginOptions);
    }

    /** Where third-party plugin jars are dropped. */
    public Path pluginJars() {
        return dataRoot.resolve("plugins");
    }
}
