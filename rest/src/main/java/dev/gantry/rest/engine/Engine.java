package dev.gantry.rest.engine;

import dev.gantry.core.EngineConfig;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.plugin.LoadedPlugin;
import dev.gantry.core.plugin.PluginRegistry;
import dev.gantry.core.system.HostInfo;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

/**
 * Wires core to the server: makes the data and run roots, loads the plugins, and produces core's objects for
 * the resources. Core stays plain Java; this is the only place that knows both.
 */
@Startup
@ApplicationScoped
public class Engine {
    private final GantryConfig config;
    private EngineConfig engineConfig;
    private PluginRegistry plugins;
    private EventBus events;
    private HostInfo host;
    private Instant startedAt;

    Engine(GantryConfig config) {
        this.config = config;
    }

    @PostConstruct
    void start() {
        startedAt = Instant.now();
        events = new EventBus(config.events().keep());
        engineConfig = new EngineConfig(config.dataRoot(), config.runRoot(), config.storageDriver(),
                config.defaultRuntime(), config.pluginOptions());
        try {
            Files.createDirectories(engineConfig.dataRoot());
            Files.createDirectories(engineConfig.runRoot());
            Files.createDirectories(engineConfig.pluginJars());
            plugins = new PluginRegistry(engineConfig);
            plugins.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + engineConfig.dataRoot() + ": " + e.getMessage(), e);
        }
        host = HostInfo.read();
        plugins.all().stream().filter(LoadedPlugin::usable).forEach(p -> events.publish(Event.now("plugin", "enable",
                p.descriptor().name(), Map.of("name", p.descriptor().name(), "kind", p.descriptor().kind().title(),
                        "version", p.descriptor().version()))));
    }

    void stop(@Observes ShutdownEvent ev) {
        plugins.close();
    }

    @Produces
    @Singleton
    EngineConfig engineConfig() {
        return engineConfig;
    }

    @Produces
    @Singleton
    PluginRegistry plugins() {
        return plugins;
    }

    @Produces
    @Singleton
    EventBus events() {
        return events;
    }

    @Produces
    @Singleton
    HostInfo host() {
        return host;
    }

    public Instant startedAt() {
        return startedAt;
    }
}
