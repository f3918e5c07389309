package dev.gantry.spi.plugin;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine hands a plugin at {@link Plugin#init}.
 *
 * @param stateDir a directory under the data root owned by this plugin alone (created by the engine, kept
 *                 across restarts); nothing else writes there
 * @param runDir   a directory under the run root owned by this plugin alone (tmpfs on most hosts: gone at reboot)
 * @param options  the plugin's configuration, from {@code gantry.plugins.<name>.*}
 */
public record PluginContext(Path stateDir, Path runDir, Map<String, String> options) {
    public PluginContext {
        options = Map.copyOf(options);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }
}
