package dev.gantry.core.container;

import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.EngineException;
import dev.gantry.core.plugin.PluginRegistry;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.runtime.OciRuntime;
import java.util.Optional;

/** The OCI runtime plugins: the one a container runs under, and the one a new container gets. */
public final class Runtimes {
    private final PluginRegistry plugins;
    private final Optional<String> defaultRuntime;

    public Runtimes(PluginRegistry plugins, Optional<String> defaultRuntime) {
        this.plugins = plugins;
        this.defaultRuntime = defaultRuntime;
    }

    public OciRuntime of(Container c) {
        return plugins.get(PluginKind.RUNTIME, c.runtime(), OciRuntime.class);
    }

    /** {@code HostConfig.Runtime} when it names an available runtime, else the configured or preferred one. */
    String nameFor(HostConfig hostConfig) {
        String requested = hostConfig.runtime();
        if (!requested.isEmpty()) {
            try {
                plugins.get(PluginKind.RUNTIME, requested, OciRuntime.class);
            } catch (PluginException e) {
                throw EngineException.invalid("Unknown runtime specified " + requested + ": " + e.getMessage());
            }
            return requested;
        }
        return plugins.selected(PluginKind.RUNTIME, defaultRuntime)
                .map(p -> p.descriptor().name())
                .orElseThrow(() -> EngineException.failed("no OCI runtime is available; see GET /gantry/v1/plugins", null));
    }
}
