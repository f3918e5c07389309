package dev.gantry.core.plugin;

import dev.gantry.core.EngineConfig;
import dev.gantry.spi.network.NetworkDriver;
import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.plugin.Plugin;
import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.runtime.OciRuntime;
import dev.gantry.spi.scan.ImageScanner;
import dev.gantry.spi.storage.StorageDriver;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Finds plugins with {@link ServiceLoader}, on the classpath and in jars under {@code <data-root>/plugins},
 * probes them, initialises the available ones, and answers which plugin serves a kind.
 *
 * <p>Rules: names are unique per kind, and a built-in plugin wins over a jar of the same name (a jar cannot
 * replace a built-in by accident). A plugin whose probe says no, or whose init throws, is listed with the
 * reason and never chosen.
 */
public final class PluginRegistry implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PluginRegistry.class.getName());
    private static final Map<PluginKind, Class<? extends Plugin>> SERVICES = Map.of(
            PluginKind.STORAGE, StorageDriver.class,
            PluginKind.NETWORK, NetworkDriver.class,
            PluginKind.RUNTIME, OciRuntime.class,
            PluginKind.SCANNER, ImageScanner.class);
    /** Preference when the configuration names none: the fast driver first. */
    private static final Map<PluginKind, List<String>> PREFERENCE = Map.of(
            PluginKind.STORAGE, List.of("overlay", "vfs"),
            PluginKind.RUNTIME, List.of("crun", "runc"));

    private final EngineConfig config;
    private final Map<PluginKind, Map<String, LoadedPlugin>> plugins = new LinkedHashMap<>();
    private final List<URLClassLoader> jarLoaders = new ArrayList<>();

    public PluginRegistry(EngineConfig config) {
        this.config = config;
    }

    /** Discovers, probes and initialises every plugin. Call once. */
    public void load() throws IOException {
        for (PluginKind kind : PluginKind.values()) {
            plugins.put(kind, new LinkedHashMap<>());
        }
        List<Found> found = new ArrayList<>();
        discover(getClass().getClassLoader(), PluginSource.BUILT_IN, found);
        for (Path jar : jars()) {
            URLClassLoader loader = new URLClassLoader(new URL[] {toUrl(jar)}, getClass().getClassLoader());
            jarLoaders.add(loader);
            discover(loader, new PluginSource(jar.toString()), found);
        }
        // Probes must not change the host (the SPI's contract), so they are independent; several start a process
        // (runc --version, crun --version, iptables --version), and side by side start-up waits for the slowest
        // instead of their sum. Registering (names, init) stays in discovery order.
        try (ExecutorService probing = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Availability>> probes = found.stream()
                    .map(f -> probing.submit(() -> probe(f.plugin()))).toList();
            for (int i = 0; i < found.size(); i++) {
                register(found.get(i), probes.get(i));
            }
        }
    }

    /** A plugin as discovered, before its probe. */
    private record Found(PluginKind kind, Plugin plugin, PluginSource source) {
    }

    private List<Path> jars() throws IOException {
        Path dir = config.pluginJars();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void discover(ClassLoader loader, PluginSource source, List<Found> found) {
        for (var entry : SERVICES.entrySet()) {
            ServiceLoader<? extends Plugin> sl = ServiceLoader.load(entry.getValue(), loader);
            for (var provider : sl.stream().toList()) {
                // a jar's loader also sees the built-ins through its parent: take only its own classes
                if (!source.builtIn() && provider.type().getClassLoader() != loader) {
                    continue;
                }
                try {
                    found.add(new Found(entry.getKey(), provider.get(), source));
                } catch (ServiceConfigurationError | RuntimeException e) {
                    LOG.log(Level.WARNING, "plugin " + provider.type().getName() + " from " + source.location()
                            + " could not be constructed", e);
                }
            }
        }
    }

    private void register(Found found, Future<Availability> probe) {
        PluginKind kind = found.kind();
        Plugin plugin = found.plugin();
        var d = plugin.descriptor();
        if (d.kind() != kind) {
            LOG.warning(() -> "plugin " + d.name() + " says it is " + d.kind() + " but implements " + kind + "; ignored");
            return;
        }
        if (plugins.get(kind).containsKey(d.name())) {
            LOG.warning(() -> kind.title() + " plugin " + d.name() + " from " + found.source().location()
                    + " ignored: that name is taken by " + plugins.get(kind).get(d.name()).source().location());
            return;
        }
        Availability availability = probed(probe);
        if (availability.available()) {
            availability = init(kind, plugin, availability);
        }
        plugins.get(kind).put(d.name(), new LoadedPlugin(d, availability, found.source(), plugin));
    }

    private static Availability probed(Future<Availability> probe) {
        try {
            return probe.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Availability.unavailable("probe interrupted");
        } catch (ExecutionException e) {
            return Availability.unavailable("probe failed: " + e.getCause());
        }
    }

    private static Availability probe(Plugin plugin) {
        try {
            return plugin.probe();
        } catch (RuntimeException e) {
            return Availability.unavailable("probe failed: " + e);
        }
    }

    private Availability init(PluginKind kind, Plugin plugin, Availability probed) {
        String name = plugin.descriptor().name();
        String dir = kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + name;
        try {
            Path state = Files.createDirectories(config.dataRoot().resolve("plugin-state").resolve(dir));
            Path run = Files.createDirectories(config.runRoot().resolve("plugins").resolve(dir));
            plugin.init(new PluginContext(state, run, config.pluginOptions().getOrDefault(name, Map.of())));
            return probed;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, kind.title() + " plugin " + name + " failed to initialise", e);
            return Availability.unavailable("init failed: " + e.getMessage());
        }
    }

    /** Every plugin, available or not, by kind then name. */
    public List<LoadedPlugin> all() {
        return plugins.values().stream().flatMap(m -> m.values().stream())
                .sorted(Comparator.comparing((LoadedPlugin p) -> p.descriptor().kind())
                        .thenComparing(p -> p.descriptor().name()))
                .toList();
    }

    public List<LoadedPlugin> ofKind(PluginKind kind) {
        return List.copyOf(plugins.getOrDefault(kind, Collections.emptyMap()).values());
    }

    /** A usable plugin by kind and name; {@code NOT_FOUND} or {@code INVALID} with the reason otherwise. */
    public <P extends Plugin> P get(PluginKind kind, String name, Class<P> type) {
        LoadedPlugin p = plugins.getOrDefault(kind, Map.of()).get(name);
        if (p == null) {
            throw PluginException.notFound("unknown " + kind.title().toLowerCase(java.util.Locale.ROOT) + " plugin: " + name);
        }
        if (!p.usable()) {
            throw new PluginException(PluginException.Reason.INVALID,
                    kind.title().toLowerCase(java.util.Locale.ROOT) + " plugin " + name + " is unavailable: " + p.availability().reason());
        }
        return type.cast(p.plugin());
    }

    /**
     * The plugin chosen for a kind: the configured one (which must be usable), else the first usable one in
     * preference order, else any usable one.
     */
    public Optional<LoadedPlugin> selected(PluginKind kind, Optional<String> configured) {
        Map<String, LoadedPlugin> byName = plugins.getOrDefault(kind, Map.of());
        if (configured.isPresent()) {
            return Optional.ofNullable(byName.get(configured.get())).filter(LoadedPlugin::usable);
        }
        for (String name : PREFERENCE.getOrDefault(kind, List.of())) {
            LoadedPlugin p = byName.get(name);
            if (p != null && p.usable()) {
                return Optional.of(p);
            }
        }
        return byName.values().stream().filter(LoadedPlugin::usable).findFirst();
    }

    public Optional<LoadedPlugin> selectedStorage() {
        return selected(PluginKind.STORAGE, config.storageDriver());
    }

    public Optional<LoadedPlugin> selectedRuntime() {
        return selected(PluginKind.RUNTIME, config.defaultRuntime());
    }

    @Override
    public void close() {
        for (LoadedPlugin p : all()) {
            if (p.usable()) {
                try {
                    p.plugin().close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "closing plugin " + p.descriptor().name(), e);
                }
            }
        }
        for (URLClassLoader l : jarLoaders) {
            try {
                l.close();
            } catch (IOException ignored) {
                // the JVM is going away with it
            }
        }
    }
}
