package dev.gantry.rest.engine;

import dev.gantry.core.EngineConfig;
import dev.gantry.core.container.Attacher;
import dev.gantry.core.container.ContainerMetrics;
import dev.gantry.core.container.ContainerFilesystem;
import dev.gantry.core.container.ContainerStore;
import dev.gantry.core.container.ContainerSupervisor;
import dev.gantry.core.container.Execs;
import dev.gantry.core.container.HealthMonitor;
import dev.gantry.core.container.LogRotator;
import dev.gantry.core.network.NetworkStore;
import dev.gantry.core.network.Networking;
import dev.gantry.core.volume.VolumeStore;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.plugin.LoadedPlugin;
import dev.gantry.core.plugin.PluginRegistry;
import dev.gantry.core.content.ContentStore;
import dev.gantry.core.image.ImageArchive;
import dev.gantry.core.image.ImageImporter;
import dev.gantry.core.image.ImageMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.layer.LayerApplier;
import dev.gantry.core.registry.ImagePuller;
import dev.gantry.core.registry.ImagePusher;
import dev.gantry.core.registry.RegistryClient;
import dev.gantry.core.state.StateStore;
import dev.gantry.core.system.HostInfo;
import dev.gantry.spi.storage.StorageDriver;
import io.opentelemetry.api.trace.Tracer;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
    private StateStore state;
    private ImageStore images;
    private ImageArchive archive;
    private ExecutorService downloads;
    private ExecutorService uploads;
    private ImagePuller puller;
    private ImagePusher pusher;
    private ImageImporter importer;
    private RegistryClient registries;
    private final Tracer tracer;
    private dev.gantry.core.builder.ImageBuilder builder;
    private Instant startedAt;
    private ContainerSupervisor supervisor;
    private Attacher attacher;
    private Execs execs;
    private ContainerFilesystem filesystem;
    private HealthMonitor health;
    private LogRotator rotator;
    private VolumeStore volumes;
    private Networking networking;
    private LayerApplier applier;

    private final MeterRegistry meters;

    Engine(GantryConfig config, Tracer tracer, MeterRegistry meters) {
        this.config = config;
        this.tracer = tracer;
        this.meters = meters;
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
        openImages();
        openContainers();
        plugins.all().stream().filter(LoadedPlugin::usable).forEach(p -> events.publish(Event.now("plugin", "enable",
                p.descriptor().name(), Map.of("name", p.descriptor().name(), "kind", p.descriptor().kind().title(),
                        "version", p.descriptor().version()))));
    }

    private void openImages() {
        StorageDriver storage = plugins.selectedStorage()
                .map(p -> (StorageDriver) p.plugin())
                .orElseThrow(() -> new IllegalStateException("no storage plugin is available"
                        + config.storageDriver().map(n -> " under the configured name " + n).orElse("")
                        + "; see GET /gantry/v1/plugins"));
        try {
            state = StateStore.open(engineConfig.dataRoot());
            ContentStore content = ContentStore.open(engineConfig.dataRoot().resolve("content"));
            applier = new LayerApplier(new LayerApplier.Limits(config.images().maxLayerBytes(), isRoot(),
                    config.images().maxLayerEntries()));
            images = new ImageStore(content, state, storage, events, tracer, applier,
                    new ImageMetrics(meters));
            images.reconcile();
            archive = new ImageArchive(images, events, tracer);
            downloads = Executors.newFixedThreadPool(config.registry().maxConcurrentDownloads(), Thread.ofVirtual().factory());
            uploads = Executors.newFixedThreadPool(config.registry().maxConcurrentUploads(), Thread.ofVirtual().factory());
            registries = new RegistryClient(Set.copyOf(config.registry().insecure().orElse(List.of())),
                    engineConfig.dataRoot().resolve("registry-auth.json"));
            puller = new ImagePuller(registries, images, downloads, tracer);
            pusher = new ImagePusher(registries, images, uploads, events, tracer);
            importer = new ImageImporter(images, tracer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void openContainers() {
        try {
            ContainerStore store = new ContainerStore(state);
            volumes = new VolumeStore(engineConfig.dataRoot().resolve("volumes"), state, events, store);
            NetworkStore networkStore = new NetworkStore(state, events);
            boolean bridge = plugins.ofKind(PluginKind.NETWORK).stream()
                    .anyMatch(p -> p.usable() && p.descriptor().name().equals("bridge"));
            networkStore.ensureBuiltIns(bridge);
            var names = new dev.gantry.core.network.NameDirectory(networkStore, id -> store.get(id).map(c -> c.name()));
            networking = new Networking(networkStore, plugins, events, tracer, names, dev.gantry.core.network.Upstreams.parse(
                    config.networks().dnsUpstreams().orElse(List.of()), java.nio.file.Path.of("/etc/resolv.conf")),
                    config.networks().defaultBindIp());
            supervisor = new ContainerSupervisor(new ContainerSupervisor.Options(engineConfig.dataRoot(),
                    engineConfig.runRoot(), config.containers().logMaxBytes(), config.defaultRuntime()),
                    store, images, plugins, events, tracer, new ContainerSupervisor.Parts(volumes,
                    java.util.Optional.of(networking),
                    java.util.Optional.of(new ContainerMetrics(meters, store))));
            attacher = new Attacher(supervisor);
            execs = new Execs(supervisor.context());
            filesystem = new ContainerFilesystem(supervisor.context(), images, applier, tracer);
            health = new HealthMonitor(supervisor.context(), execs);
            rotator = new LogRotator(supervisor, config.containers().logMaxFiles());
            builder = new dev.gantry.core.builder.ImageBuilder(images, supervisor, filesystem, applier,
                    new dev.gantry.core.builder.BuildCache(state), tracer, engineConfig.runRoot().resolve("build"), (name, credentials, progress) -> {
                        try {
                            var ref = dev.gantry.core.image.Reference.parse(name);
                            return puller.pull(puller.resolve(ref, credentials), progress);
                        } catch (IOException | RuntimeException e) {
                            throw new dev.gantry.core.builder.BuildFailure("pull access denied for " + name
                                    + ", repository does not exist or may require 'docker login': " + e.getMessage());
                        }
                    }, meters);
            images.inUse(id -> store.list().stream().filter(c -> c.imageId().equals(id)).map(c -> c.id()).findFirst());
            supervisor.restore();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Device nodes in layers can only be made as root; elsewhere they are skipped, as rootless Docker does. */
    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    void stop(@Observes ShutdownEvent ev) {
        if (health != null) {
            health.close();
        }
        if (networking != null) {
            networking.close();
            networking.releaseIdle();
        }
        if (rotator != null) {
            rotator.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
        for (ExecutorService pool : java.util.Arrays.asList(downloads, uploads)) {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (state != null) {
            state.close();
        }
        plugins.close();
    }

    @Produces
    @Singleton
    ImageStore images() {
        return images;
    }

    @Produces
    @Singleton
    ContainerSupervisor supervisor() {
        return supervisor;
    }

    @Produces
    @Singleton
    Attacher attacher() {
        return attacher;
    }

    @Produces
    @Singleton
    ContainerFilesystem filesystem() {
        return filesystem;
    }

    @Produces
    @Singleton
    dev.gantry.core.builder.ImageBuilder builder() {
        return builder;
    }

    @Produces
    @Singleton
    Networking networking() {
        return networking;
    }

    @Produces
    @Singleton
    VolumeStore volumeStore() {
        return volumes;
    }

    @Produces
    @Singleton
    Execs execs() {
        return execs;
    }

    @Produces
    @Singleton
    ImageArchive archive() {
        return archive;
    }

    @Produces
    @Singleton
    ImagePuller puller() {
        return puller;
    }

    @Produces
    @Singleton
    ImagePusher pusher() {
        return pusher;
    }

    @Produces
    @Singleton
    ImageImporter importer() {
        return importer;
    }

    @Produces
    @Singleton
    RegistryClient registries() {
        return registries;
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
