package dev.gantry.core.container;

import static dev.gantry.core.container.OciSpec.initBinary;
import static dev.gantry.core.container.RootFs.prepareWorkdir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.layer.FileTrees;
import dev.gantry.core.plugin.PluginRegistry;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.runtime.OciRuntime;
import dev.gantry.spi.runtime.RuntimeState;
import dev.gantry.spi.runtime.RuntimeStatus;
import dev.gantry.spi.storage.StorageDriver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The container lifecycle: create, start, stop, kill, pause, restart, remove, wait, and what happens when a
 * container's process ends (restart policies, AutoRemove, waiters). Each container's transitions are serialized
 * by its own lock; waits for an exit happen outside it, since the exit itself needs the lock.
 *
 * <p>Files: the data directory ({@code <data-root>/containers/<id>}) holds the log and the hostname, hosts and
 * resolv.conf files and lives as long as the container; the bundle ({@code <run-root>/containers/<id>}) holds the
 * OCI config, the mounted root file system and conmon's files, and lives from start to exit.
 */
public final class ContainerSupervisor implements AutoCloseable {
    /** Where files go and how big a log may grow before conmon cuts it. */
    public record Options(Path dataRoot, Path runRoot, long logSizeMax, Optional<String> defaultRuntime) {
    }

    /** What create returns: the ID and the warnings Docker would give. */
    public record Created(String id, List<String> warnings) {
    }

    private final Options options;
    private final ContainerStore store;
    private final ImageStore images;
    private final PluginRegistry plugins;
    private final EventBus events;
    private final Tracer tracer;
    private final Conmon conmon;
    private final ExitWatcher exits;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, List<CompletableFuture<Integer>>> exitWaiters = new ConcurrentHashMap<>();
    private final Map<String, List<CompletableFuture<Integer>>> removalWaiters = new ConcurrentHashMap<>();
    private final Map<String, List<StdinPipe>> pendingStdin = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gantry-restarts").factory());
    private final List<ContainerListener> listeners = new CopyOnWriteArrayList<>();

    public ContainerSupervisor(Options options, ContainerStore store, ImageStore images, PluginRegistry plugins,
                               EventBus events, Tracer tracer) throws IOException {
        this.options = options;
        this.store = store;
        this.images = images;
        this.plugins = plugins;
        this.events = events;
        this.tracer = tracer;
        Path conmonBinary = Conmon.find().orElseThrow(() -> new IOException("conmon is not installed (apt-get install conmon)"));
        this.conmon = new Conmon(conmonBinary, Files.createDirectories(options.runRoot().resolve("sock")));
        Files.createDirectories(options.dataRoot().resolve("containers"));
        Files.createDirectories(options.runRoot().resolve("containers"));
        this.exits = new ExitWatcher(options.runRoot().resolve("exits"), this::exited);
    }

    /** Something that wants to hear of lifecycle changes (health checks, metrics). */
    public interface ContainerListener {
        default void started(Container c) {
        }

        default void exited(Container c) {
        }

        default void removed(Container c) {
        }
    }

    private volatile ContainerMetrics metrics;

    public void metrics(ContainerMetrics m) {
        this.metrics = m;
    }

    private <T> T timed(String operation, Supplier<T> work) {
        ContainerMetrics m = metrics;
        return m == null ? work.get() : m.time(operation, work);
    }

    public void listen(ContainerListener l) {
        listeners.add(l);
    }

    public ContainerStore store() {
        return store;
    }

    public Path dataDir(String id) {
        return options.dataRoot().resolve("containers").resolve(id);
    }

    public Path bundle(String id) {
        return options.runRoot().resolve("containers").resolve(id);
    }

    public Path logFile(String id) {
        return dataDir(id).resolve("container.log");
    }

    Path rootfs(String id) {
        return bundle(id).resolve("rootfs");
    }

    Conmon conmon() {
        return conmon;
    }

    EventBus events() {
        return events;
    }

    Path runRoot() {
        return options.runRoot();
    }

    public OciRuntime runtime(Container c) {
        return plugins.get(PluginKind.RUNTIME, c.runtime(), OciRuntime.class);
    }

    private StorageDriver storage() {
        return images.storage();
    }

    // ---- create ----

    public Created create(Optional<String> requestedName, JsonNode body) {
        return timed("create", () -> createUntimed(requestedName, body));
    }

    private Created createUntimed(Optional<String> requestedName, JsonNode body) {
        Span span = tracer.spanBuilder("container.create").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            String imageName = body.path("Image").asText("");
            if (imageName.isEmpty()) {
                throw EngineException.invalid("config cannot be empty in order to create a container");
            }
            ImageRecord image = images.find(imageName)
                    .orElseThrow(() -> EngineException.notFound("No such image: " + imageName));
            String id = Names.newId();
            String name = requestedName.filter(n -> !n.isEmpty()).map(n -> n.startsWith("/") ? n.substring(1) : n)
                    .orElse(null);
            if (name != null) {
                ContainerStore.checkName(name);
            } else {
                name = Names.generate(n -> store.find(n).isPresent());
            }
            JsonNode imageConfig = image.config().path("config");
            ObjectNode config = CreateConfig.merge(body, imageConfig, id.substring(0, 12));
            config.put("Image", imageName);
            ObjectNode hostConfig = HostConfigs.normalize(body.path("HostConfig"));
            List<String> warnings = new ArrayList<>(Resources.validate(hostConfig));
            if (new Container(id, name, Instant.now(), "", config, hostConfig, "", "", List.of(),
                    ContainerState.created(), 0, false, 0, null).commandLine().isEmpty()) {
                throw EngineException.invalid("no command specified");
            }
            ObjectNode networks = networking == null ? JsonNodeFactory.instance.objectNode()
                    : networking.endpointsAtCreate(hostConfig, body.path("NetworkingConfig"), body.path("MacAddress").asText(""));
            String runtime = runtimeName(hostConfig);
            hostConfig.put("Runtime", runtime);
            List<MountPoint> mounts = Mounts.parse(hostConfig, config);
            String snapshot = "container/" + id;
            Container c = new Container(id, name, Instant.now(), image.id().toString(), config, hostConfig, runtime,
                    snapshot, mounts, ContainerState.created(), 0, false, 0, networks);
            if (HealthMonitor.hasCheck(c)) {
                c = c.withState(c.state().withHealth(Health.starting()));
            }
            Path data = dataDir(id);
            try {
                Files.createDirectories(data);
                Optional<String> parent = image.layers().isEmpty() ? Optional.empty()
                        : Optional.of(image.layers().getLast().chainId().toString());
                volumes.created(mounts);
                child("storage.prepare", () -> storage().prepare(snapshot, parent));
                store.add(c);
            } catch (IOException | RuntimeException e) {
                discardQuietly(snapshot, data);
                throw e instanceof IOException io ? EngineException.failed("cannot create container: " + io.getMessage(), io)
                        : (RuntimeException) e;
            }
            span.setAttribute("container.id", id);
            emit(c, "create");
            return new Created(id, warnings);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }

    private String runtimeName(JsonNode hostConfig) {
        String requested = hostConfig.path("Runtime").asText("");
        if (!requested.isEmpty()) {
            try {
                plugins.get(PluginKind.RUNTIME, requested, OciRuntime.class);
            } catch (PluginException e) {
                throw EngineException.invalid("Unknown runtime specified " + requested + ": " + e.getMessage());
            }
            return requested;
        }
        return plugins.selected(PluginKind.RUNTIME, options.defaultRuntime())
                .map(p -> p.descriptor().name())
                .orElseThrow(() -> EngineException.failed("no OCI runtime is available; see GET /gantry/v1/plugins", null));
    }

    private void discardQuietly(String snapshot, Path data) {
        try {
            storage().remove(snapshot);
        } catch (RuntimeException ignored) {
            // nothing was prepared
        }
        FileTrees.deleteQuietly(data);
    }

    // ---- start ----

    public void start(String ref) {
        timed("start", () -> {
            startUntimed(ref);
            return null;
        });
    }

    private void startUntimed(String ref) {
        Container c = store.resolve(ref);
        Span span = tracer.spanBuilder("container.start").setAttribute("container.id", c.id()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            withLock(c.id(), () -> {
                Container now = store.resolve(c.id());
                switch (now.status()) {
                    case RUNNING -> throw EngineException.notModified();
                    case PAUSED -> throw EngineException.conflict("cannot start a paused container, try unpause instead");
                    case REMOVING, DEAD -> throw EngineException.conflict("container is marked for removal and cannot be started");
                    default -> { }
                }
                startLocked(now.withManuallyStopped(false));
                return null;
            });
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            if (c.autoRemove() && !(e instanceof EngineException ee && ee.kind() == EngineException.Kind.NOT_MODIFIED)) {
                // Docker removes an AutoRemove container whose start failed; the CLI waits for that
                Thread.ofVirtual().start(() -> {
                    try {
                        remove(c.id(), true, true);
                    } catch (RuntimeException ignored) {
                        // removed meanwhile
                    }
                });
            }
            throw e;
        } finally {
            span.end();
        }
    }

    private void startLocked(Container c) {
        Container next = c.nextGeneration();
        String id = c.id();
        Path bundle = bundle(id);
        OciRuntime runtime = runtime(c);
        try {
            exits.forget(id);
            runtime.delete(id, true);
            Files.createDirectories(bundle);
            Path rootfs = rootfs(id);
            child("storage.mount", () -> {
                RootFs.mount(storage().mounts(c.snapshot()), rootfs);
                return null;
            });
            var network = child("network.attach", () -> networking == null ? noNetworking(c) : networking.attach(c));
            Container linked = networking == null ? c : networking.linked(c);
            Map<String, Path> files = ContainerFiles.write(dataDir(id), linked, network.address(), network.embeddedDns());
            prepareWorkdir(c, rootfs);
            List<ObjectNode> mounts = Mounts.toOci(c, volumes, rootfs, options.runRoot());
            ObjectNode spec = child("spec.generate", () -> OciSpec.build(linked, new OciSpec.Inputs(rootfs, files,
                    network.netns(), mounts, initBinary(c), HostLimits.rlimits())));
            Files.write(bundle.resolve("config.json"), ContainerStore.JSON.writeValueAsBytes(spec));
            boolean stdinOnce = c.config().path("StdinOnce").asBoolean(false);
            Conmon.Launch launch = new Conmon.Launch(id, c.shortId(), c.name(), bundle, logFile(id),
                    logSizeMax(c), exits.dir(), c.tty(), c.openStdin(), !stdinOnce, Optional.empty());
            Conmon.Started started = child("runtime.create", () -> conmon.launch(launch, runtime));
            SubpathMounts.release(options.runRoot(), id); // the container has its own mounts of them now
            for (StdinPipe pipe : pendingStdin.getOrDefault(id, List.of())) {
                try {
                    pipe.connect(conmon.attachSocket(c.shortId()));
                } catch (IOException gone) {
                    pipe.close();
                }
            }
            child("runtime.start", () -> {
                runtime.start(id);
                return null;
            });
            Container running = store.update(next.withState(c.state().running(started.pid(), started.monitorPid(), Instant.now())));
            volumeEvents(running, "mount");
            emit(running, "start");
            listeners.forEach(l -> l.started(running));
        } catch (Conmon.StartFailure e) {
            cleanupRun(c, runtime);
            int code = e.getMessage().contains("permission denied") ? 126 : 127;
            store.update(next.withState(c.state().failedToStart(e.getMessage(), code)));
            throw startError(e.getMessage());
        } catch (IOException e) {
            cleanupRun(c, runtime);
            store.update(next.withState(c.state().failedToStart(e.getMessage(), 128)));
            throw EngineException.failed("cannot start container " + id + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanupRun(c, runtime);
            store.update(next.withState(c.state().failedToStart(String.valueOf(e.getMessage()), 128)));
            throw e;
        }
    }

    private static EngineException startError(String detail) {
        String message = "failed to create task for container: failed to create shim task: OCI runtime create failed: "
                + detail + ": unknown";
        boolean userError = detail.contains("executable file not found") || detail.contains("no such file or directory")
                || detail.contains("permission denied") || detail.contains("not a directory");
        return userError ? EngineException.invalid(message) : EngineException.failed(message, null);
    }

    long logSizeMax(Container c) {
        String size = c.hostConfig().path("LogConfig").path("Config").path("max-size").asText("");
        return !LogDrivers.readable(c.hostConfig()) ? LogDrivers.NONE_RELAY_BYTES
                : size.isEmpty() ? options.logSizeMax() : Sizes.parse(size);
    }

    /** Without a network driver, containers get the host's namespace or one with loopback only. */
    private static dev.gantry.core.network.Networking.Attachment noNetworking(Container c) {
        String mode = c.hostConfig().path("NetworkMode").asText("default");
        return new dev.gantry.core.network.Networking.Attachment(mode.equals("host") ? "host" : "", Optional.empty(), false);
    }

    // ---- network connect and disconnect ----

    /** {@code network connect}: recorded for the next start, and made at once when the container runs. */
    public void connect(String ref, String networkRef, JsonNode settings) {
        Container c = store.resolve(ref);
        var n = requireNetworking().store().resolve(networkRef);
        withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            ObjectNode next = networking.connectable(now, n, settings);
            if (now.status().alive() && networking.connect(now, n, next.get(n.name()))) {
                try {
                    ContainerFiles.useEmbeddedDns(dataDir(now.id()), now);
                } catch (IOException e) {
                    // the names are served; the container asks its old servers until it restarts
                }
            }
            store.update(now.withNetworks(next));
            return null;
        });
    }

    /** {@code network disconnect}; with {@code force} a network that no longer exists is dropped by name. */
    public void disconnect(String ref, String networkRef, boolean force) {
        Container c = store.resolve(ref);
        var found = requireNetworking().store().find(networkRef);
        if (found.isEmpty() && !force) {
            throw EngineException.notFound("network " + networkRef + " not found");
        }
        String name = found.map(dev.gantry.core.network.NetworkRecord::name).orElse(networkRef);
        withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            ObjectNode next = networking.disconnectable(now, name);
            if (now.status().alive() && found.isPresent()) {
                networking.disconnect(now, found.get());
            }
            store.update(now.withNetworks(next));
            return null;
        });
    }

    private dev.gantry.core.network.Networking requireNetworking() {
        if (networking == null) {
            throw EngineException.failed("no network driver is available; see GET /gantry/v1/plugins", null);
        }
        return networking;
    }

    /** The volume store; until one is set, containers cannot use volumes. */
    private volatile VolumeProvider volumes = VolumeProvider.NONE;

    public void volumes(VolumeProvider provider) {
        this.volumes = provider;
    }

    VolumeProvider volumeProvider() {
        return volumes;
    }

    /** The networking; until one is set, containers get a namespace with loopback only (or the host's). */
    private volatile dev.gantry.core.network.Networking networking;

    public void networking(dev.gantry.core.network.Networking n) {
        this.networking = n;
        n.containers(store::find);
    }

    /** {@code DELETE /containers/{parent}/{alias}?link=1}: the parent forgets that link; no container goes. */
    public void unlink(String parentRef, String alias) {
        Container c = store.resolve(parentRef);
        withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            store.update(now.withHostConfig(dev.gantry.core.network.Links.without(now.hostConfig(), alias).orElseThrow(() ->
                    EngineException.notFound("Could not find link /" + now.name() + "/" + alias))));
            return null;
        });
    }

    // ---- exit ----

    /** conmon wrote an exit file: the container's process is gone. */
    private void exited(String id, int code) {
        Optional<Container> found = store.get(id);
        if (found.isEmpty()) {
            return;
        }
        Container after = withLock(id, () -> {
            Container c = store.get(id).orElse(null);
            if (c == null || !c.status().alive()) {
                return null;
            }
            cleanupRun(c, runtime(c));
            boolean oom = Files.exists(bundle(id).resolve("oom"));
            volumeEvents(c, "unmount");
            Container exited = store.update(c.withState(c.state().exited(code, Instant.now(), oom)));
            emit(exited, "die", Map.of("exitCode", Integer.toString(code)));
            return exited;
        });
        if (after == null) {
            return;
        }
        listeners.forEach(l -> l.exited(after));
        complete(exitWaiters.remove(id), code);
        afterExit(after);
    }

    private void afterExit(Container c) {
        if (RestartPolicy.of(c.hostConfig()).shouldRestart(c)) {
            Container restarting = withLock(c.id(), () -> store.update(c.withState(c.state().withStatus(ContainerStatus.RESTARTING))
                    .withRestartCount(c.restartCount() + 1)));
            long delayMs = RestartPolicy.delayMs(restarting.restartCount());
            timers.schedule(() -> Thread.ofVirtual().start(() -> restartAfterExit(c.id())), delayMs, TimeUnit.MILLISECONDS);
            return;
        }
        if (c.autoRemove()) {
            try {
                remove(c.id(), true, true);
            } catch (RuntimeException ignored) {
                // already removed by someone else
            }
        }
    }

    private void restartAfterExit(String id) {
        try {
            withLock(id, () -> {
                Container c = store.get(id).orElse(null);
                if (c != null && c.status() == ContainerStatus.RESTARTING) {
                    startLocked(c.withState(c.state().withStatus(ContainerStatus.EXITED)));
                }
                return null;
            });
        } catch (RuntimeException e) {
            store.get(id).ifPresent(c -> {
                if (c.status() == ContainerStatus.RESTARTING) {
                    store.update(c.withState(c.state().withStatus(ContainerStatus.EXITED)));
                }
            });
        }
    }

    /** Takes down what a run set up: the runtime's container, the mounted root, the bundle. */
    private void cleanupRun(Container c, OciRuntime runtime) {
        try {
            runtime.delete(c.id(), true);
        } catch (RuntimeException ignored) {
            // gone already
        }
        if (networking != null) {
            networking.detach(c);
        }
        Path bundle = bundle(c.id());
        RootFs.unmount(bundle.resolve("rootfs"));
        if (!RootFs.isMounted(bundle.resolve("rootfs"))) {
            FileTrees.deleteQuietly(bundle);
        }
        try {
            Files.deleteIfExists(options.runRoot().resolve("sock").resolve(c.shortId()));
        } catch (IOException ignored) {
            // conmon removes its own link when it exits cleanly
        }
        exits.forget(c.id());
        SubpathMounts.release(options.runRoot(), c.id());
        List<StdinPipe> pipes = pendingStdin.remove(c.id());
        if (pipes != null) {
            pipes.forEach(StdinPipe::close);
        }
    }

    // ---- stop, kill, pause, restart ----

    public void stop(String ref, Optional<String> signal, Optional<Integer> timeoutSeconds) {
        timed("stop", () -> {
            stopUntimed(ref, signal, timeoutSeconds);
            return null;
        });
    }

    private void stopUntimed(String ref, Optional<String> signal, Optional<Integer> timeoutSeconds) {
        Container c = store.resolve(ref);
        if (!c.status().alive() || c.status() == ContainerStatus.RESTARTING) {
            if (c.status() == ContainerStatus.RESTARTING) {
                endRestarting(c.id());
                emit(c, "stop");
                return;
            }
            throw EngineException.notModified();
        }
        int sig = Signals.parse(signal.orElse(c.config().path("StopSignal").asText("SIGTERM")));
        int timeout = timeoutSeconds.orElse(c.config().path("StopTimeout").asInt(10));
        CompletableFuture<Integer> exit = nextExit(c.id());
        withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            store.update(now.withManuallyStopped(true));
            if (now.status() == ContainerStatus.PAUSED) {
                runtime(now).resume(now.id());
            }
            return null;
        });
        try {
            signal(c, sig);
            if (!await(exit, timeout < 0 ? Long.MAX_VALUE : timeout * 1000L)) {
                signal(c, Signals.SIGKILL);
                if (!await(exit, 30_000)) {
                    throw EngineException.failed("container " + c.id() + " did not stop", null);
                }
            }
        } catch (EngineException e) {
            if (store.get(c.id()).map(x -> x.status().alive()).orElse(false)) {
                throw e;
            }
        }
        emit(store.get(c.id()).orElse(c), "stop");
    }

    public void kill(String ref, String signal) {
        timed("kill", () -> {
            killUntimed(ref, signal);
            return null;
        });
    }

    private void killUntimed(String ref, String signal) {
        Container c = store.resolve(ref);
        int sig = Signals.parse(signal);
        if (c.status() == ContainerStatus.RESTARTING) {
            // Docker sends nothing to a container between runs: it only ends the restarting
            endRestarting(c.id());
            return;
        }
        if (!c.status().alive()) {
            throw EngineException.conflict("Cannot kill container: " + c.id() + ": container " + c.id() + " is not running");
        }
        if (sig != Signals.SIGKILL) {
            signal(c, sig);
            return;
        }
        // Docker's kill with SIGKILL returns once the container has exited (and thaws a paused one so it can die)
        CompletableFuture<Integer> exit = nextExit(c.id());
        withLock(c.id(), () -> store.update(store.resolve(c.id()).withManuallyStopped(true)));
        signal(c, sig);
        if (c.status() == ContainerStatus.PAUSED) {
            try {
                runtime(c).resume(c.id());
            } catch (PluginException thawedAlready) {
                // runc thaws a frozen container itself for SIGKILL
            }
        }
        if (!await(exit, 10_000) && store.get(c.id()).map(x -> x.status().alive()).orElse(false)) {
            throw EngineException.failed("tried to kill container, but did not receive an exit event", null);
        }
    }

    /** A container waiting for its next restart stays stopped (one that started meanwhile is left running). */
    private void endRestarting(String id) {
        withLock(id, () -> {
            Container now = store.resolve(id);
            return now.status() != ContainerStatus.RESTARTING ? now
                    : store.update(now.withManuallyStopped(true).withState(now.state().withStatus(ContainerStatus.EXITED)));
        });
    }

    private void signal(Container c, int sig) {
        try {
            runtime(c).kill(c.id(), sig, false);
        } catch (PluginException e) {
            if (store.get(c.id()).map(x -> x.status().alive()).orElse(false) && e.reason() != PluginException.Reason.CONFLICT) {
                throw e;
            }
        }
        emit(c, "kill", Map.of("signal", Integer.toString(sig)));
    }

    public void restart(String ref, Optional<String> signal, Optional<Integer> timeoutSeconds) {
        Container c = store.resolve(ref);
        if (c.status().alive() && c.status() != ContainerStatus.RESTARTING) {
            stop(ref, signal, timeoutSeconds);
        }
        start(c.id());
        emit(store.resolve(c.id()), "restart");
    }

    public void pause(String ref) {
        timed("pause", () -> {
            pauseUntimed(ref);
            return null;
        });
    }

    private void pauseUntimed(String ref) {
        Container c = store.resolve(ref);
        withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            if (now.status() == ContainerStatus.PAUSED) {
                throw EngineException.conflict("container " + now.id() + " is already paused");
            }
            if (now.status() != ContainerStatus.RUNNING) {
                throw EngineException.conflict("container " + now.id() + " is not running");
            }
            runtime(now).pause(now.id());
            store.update(now.withState(now.state().withStatus(ContainerStatus.PAUSED)));
            return null;
        });
        emit(c, "pause");
    }

    public void unpause(String ref) {
        timed("unpause", () -> {
            unpauseUntimed(ref);
            return null;
        });
    }

    private void unpauseUntimed(String ref) {
        Container c = store.resolve(ref);
        withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            if (now.status() != ContainerStatus.PAUSED) {
                throw EngineException.conflict("container " + now.id() + " is not paused");
            }
            runtime(now).resume(now.id());
            store.update(now.withState(now.state().withStatus(ContainerStatus.RUNNING)));
            return null;
        });
        emit(c, "unpause");
    }

    // ---- update, top, stats ----

    /** {@code docker update}: new limits in the record, and on the running container through the runtime. */
    public List<String> update(String ref, JsonNode request) {
        Container c = store.resolve(ref);
        return withLock(c.id(), () -> {
            Container now = store.resolve(c.id());
            ObjectNode hc = Resources.update(now.hostConfig(), request);
            if (now.status().alive()) {
                ObjectNode resources = Resources.toOci(hc, hc.path("Privileged").asBoolean(false));
                resources.remove("devices");
                try {
                    Path file = bundle(now.id()).resolve("update.json");
                    Files.write(file, ContainerStore.JSON.writeValueAsBytes(resources));
                    runtime(now).update(now.id(), file);
                } catch (IOException e) {
                    throw EngineException.failed("cannot update " + now.id() + ": " + e.getMessage(), e);
                } catch (PluginException e) {
                    throw EngineException.invalid("Cannot update container " + now.id() + ": " + e.getMessage());
                }
            }
            store.update(now.withHostConfig(hc));
            emit(now, "update");
            return List.<String>of();
        });
    }

    public ObjectNode top(String ref, String psArgs) {
        Container c = store.resolve(ref);
        if (!c.status().alive()) {
            throw EngineException.conflict("Container " + c.id() + " is not running");
        }
        return ContainerStats.top(runtime(c).pids(c.id()), psArgs);
    }

    // ---- remove, rename ----

    public void remove(String ref, boolean force, boolean removeVolumes) {
        timed("remove", () -> {
            removeUntimed(ref, force, removeVolumes);
            return null;
        });
    }

    private void removeUntimed(String ref, boolean force, boolean removeVolumes) {
        Container c = store.resolve(ref);
        if (c.status().alive() && !force) {
            String what = c.status() == ContainerStatus.PAUSED ? "container is paused and must be unpaused first"
                    : "container is " + c.status().word() + ": stop the container before removing or force remove";
            throw EngineException.conflict("cannot remove container \"/" + c.name() + "\": " + what);
        }
        if (c.status() == ContainerStatus.RESTARTING) {
            // between runs: ending the restarting is enough, the timer will not start it again
            endRestarting(c.id());
        } else if (c.status().alive()) {
            CompletableFuture<Integer> exit = nextExit(c.id());
            withLock(c.id(), () -> store.update(store.resolve(c.id()).withManuallyStopped(true)));
            if (c.status() == ContainerStatus.PAUSED) {
                try {
                    runtime(c).resume(c.id());
                } catch (RuntimeException ignored) {
                    // the kill below ends it either way
                }
            }
            signal(c, Signals.SIGKILL);
            await(exit, 30_000);
        }
        Container gone = withLock(c.id(), () -> {
            Container now = store.get(c.id()).orElse(null);
            if (now == null) {
                return null;
            }
            if (now.status().alive() && now.status() != ContainerStatus.RESTARTING) {
                // the exit was not seen (the monitor died with it): take the run down here
                cleanupRun(now, runtime(now));
            }
            try {
                storage().remove(now.snapshot());
            } catch (RuntimeException e) {
                throw EngineException.failed("cannot remove the file system of " + now.id() + ": " + e.getMessage(), e);
            }
            FileTrees.deleteQuietly(dataDir(now.id()));
            store.remove(now.id());
            return now;
        });
        if (gone == null) {
            return;
        }
        locks.remove(c.id());
        for (MountPoint m : gone.mounts()) {
            if (m.type().equals("volume")) {
                volumes.released(m.name(), removeVolumes && m.options().equals("anonymous"));
            }
        }
        listeners.forEach(l -> l.removed(gone));
        emit(gone, "destroy");
        complete(removalWaiters.remove(c.id()), gone.state().exitCode());
        complete(exitWaiters.remove(c.id()), gone.state().exitCode());
    }

    public void rename(String ref, String newName) {
        String name = newName.startsWith("/") ? newName.substring(1) : newName;
        if (name.isEmpty()) {
            throw EngineException.invalid("Neither old nor new names may be empty");
        }
        ContainerStore.checkName(name);
        Container c = store.resolve(ref);
        if (c.name().equals(name)) {
            throw EngineException.conflict("Renaming a container with the same name as its current name");
        }
        withLock(c.id(), () -> store.update(store.resolve(c.id()).withName(name)));
        emit(store.resolve(c.id()), "rename", Map.of("oldName", "/" + c.name()));
    }

    // ---- wait ----

    /** Docker's wait conditions: {@code not-running} (the default), {@code next-exit}, {@code removed}. */
    public CompletableFuture<Integer> waitFor(String ref, String condition) {
        Container c = store.resolve(ref);
        String cond = condition == null || condition.isEmpty() ? "not-running" : condition;
        return switch (cond) {
            case "not-running" -> !c.status().alive() && c.status() != ContainerStatus.RESTARTING
                    ? CompletableFuture.completedFuture(c.state().exitCode()) : nextExit(c.id());
            case "next-exit" -> nextExit(c.id());
            case "removed" -> {
                CompletableFuture<Integer> f = new CompletableFuture<>();
                removalWaiters.computeIfAbsent(c.id(), k -> new CopyOnWriteArrayList<>()).add(f);
                yield f;
            }
            default -> throw EngineException.invalid("invalid condition: \"" + cond + "\"");
        };
    }

    private CompletableFuture<Integer> nextExit(String id) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        exitWaiters.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(f);
        return f;
    }

    private static void complete(List<CompletableFuture<Integer>> waiters, int code) {
        if (waiters != null) {
            waiters.forEach(w -> w.complete(code));
        }
    }

    private static boolean await(CompletableFuture<Integer> f, long ms) {
        try {
            f.get(ms, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    // ---- attach ----

    /** Registers a stdin pipe for the container's next (or current) run. */
    StdinPipe stdinFor(Container c) throws IOException {
        StdinPipe pipe = new StdinPipe();
        pendingStdin.computeIfAbsent(c.id(), k -> new CopyOnWriteArrayList<>()).add(pipe);
        Container now = store.resolve(c.id());
        if (now.status().alive()) {
            try {
                pipe.connect(conmon.attachSocket(now.shortId()));
            } catch (IOException gone) {
                pipe.close();
            }
        }
        return pipe;
    }

    void dropStdin(Container c, StdinPipe pipe) {
        List<StdinPipe> pipes = pendingStdin.get(c.id());
        if (pipes != null) {
            pipes.remove(pipe);
        }
        pipe.close();
    }

    /** Tells conmon the terminal's new size. */
    public void resize(String ref, int height, int width) {
        Container c = store.resolve(ref);
        if (!c.status().alive()) {
            throw EngineException.conflict("Container " + c.id() + " is not running");
        }
        Terminal.resize(bundle(c.id()).resolve("ctl"), height, width);
    }

    // ---- restore ----

    /**
     * Reconciles the store with what the runtime and the monitors report, after Gantry (re)starts: running
     * containers stay, the ones that ended meanwhile get their exit code, restart policies apply.
     */
    public void restore() {
        dropOrphans();
        for (Container c : store.list()) {
            if (!c.status().alive() && Files.exists(bundle(c.id()))) {
                // a start the engine died in: its bundle, mount, namespace and endpoints have no run to end them
                cleanupRun(c, runtime(c));
            }
            if (!c.status().alive()) {
                // Docker's "always" brings back even a container stopped by hand when the engine starts
                if (c.status() == ContainerStatus.EXITED && RestartPolicy.of(c.hostConfig()).name().equals("always")) {
                    Thread.ofVirtual().start(() -> {
                        try {
                            start(c.id());
                        } catch (RuntimeException e) {
                            // its start error is in its state
                        }
                    });
                }
                continue;
            }
            Optional<RuntimeState> rs;
            try {
                rs = runtime(c).state(c.id());
            } catch (RuntimeException e) {
                rs = Optional.empty();
            }
            boolean monitorAlive = c.state().monitorPid() > 0
                    && ProcessHandle.of(c.state().monitorPid()).map(ProcessHandle::isAlive).orElse(false);
            boolean running = rs.map(s -> s.status() == RuntimeStatus.RUNNING || s.status() == RuntimeStatus.PAUSED).orElse(false);
            var code = exits.exitCode(c.id());
            if (code.isPresent()) {
                exited(c.id(), code.getAsInt());
            } else if (running && monitorAlive) {
                ContainerStatus status = rs.get().status() == RuntimeStatus.PAUSED ? ContainerStatus.PAUSED : ContainerStatus.RUNNING;
                if (status != c.status()) {
                    store.update(c.withState(c.state().withStatus(status)));
                }
                if (networking != null) {
                    networking.restore(c);
                }
                listeners.forEach(l -> l.started(c));
            } else if (c.status() == ContainerStatus.RESTARTING) {
                timers.schedule(() -> Thread.ofVirtual().start(() -> restartAfterExit(c.id())), 0, TimeUnit.MILLISECONDS);
            } else {
                // the monitor died with the container and left no exit code: Docker reports 255 then
                if (running) {
                    try {
                        runtime(c).kill(c.id(), Signals.SIGKILL, true);
                    } catch (RuntimeException ignored) {
                        // already gone
                    }
                }
                exited(c.id(), 255);
            }
        }
    }

    /**
     * What a crash can leave that no record owns: writable snapshots of containers that were never recorded,
     * read-only views of an interrupted diff, mounts and directories of those, finished exec sessions.
     */
    private void dropOrphans() {
        List<String> orphans = new ArrayList<>();
        storage().walk(s -> {
            String key = s.key();
            if (key.startsWith(ContainerFilesystem.VIEW_PREFIX)
                    || (key.startsWith("container/") && store.get(key.substring("container/".length())).isEmpty())) {
                orphans.add(key);
            }
        });
        for (Path dir : List.of(options.runRoot().resolve("mnt"), options.runRoot().resolve("execs"))) {
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    for (Path p : entries.toList()) {
                        RootFs.unmount(p);
                        if (!RootFs.isMounted(p)) {
                            FileTrees.deleteQuietly(p);
                        }
                    }
                } catch (IOException ignored) {
                    // left for the next start
                }
            }
        }
        SubpathMounts.releaseAll(options.runRoot());
        Path sockets = options.runRoot().resolve("sock");
        if (Files.isDirectory(sockets)) {
            try (var links = Files.list(sockets)) {
                // links to attach sockets whose bundle is gone
                links.filter(l -> !Files.exists(l)).forEach(FileTrees::deleteQuietly);
            } catch (IOException ignored) {
                // left for the next start
            }
        }
        for (String key : orphans) {
            try {
                storage().remove(key);
            } catch (RuntimeException ignored) {
                // left for the next start
            }
        }
    }

    // ---- helpers ----

    <T> T withLock(String id, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Work that may throw checked exceptions, run as a child span. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    <T> T child(String name, Step<T> work) throws IOException {
        return dev.gantry.core.Spans.child(tracer, name, work::run);
    }

    private void volumeEvents(Container c, String action) {
        for (MountPoint m : c.mounts()) {
            if (m.type().equals("volume")) {
                events.publish(Event.now("volume", action, m.name(), Map.of("container", c.id(), "destination",
                        m.destination(), "driver", m.driver(), "read/write", Boolean.toString(m.rw()))));
            }
        }
    }

    void emit(Container c, String action) {
        emit(c, action, Map.of());
    }

    void emit(Container c, String action, Map<String, String> extra) {
        Map<String, String> attrs = new HashMap<>();
        attrs.put("name", c.name());
        attrs.put("image", c.config().path("Image").asText());
        c.config().path("Labels").properties().forEach(e -> attrs.put(e.getKey(), e.getValue().asText()));
        attrs.putAll(extra);
        events.publish(Event.now("container", action, c.id(), attrs));
    }

    @Override
    public void close() {
        exits.close();
        timers.shutdownNow();
    }

    static Duration since(Instant t) {
        return Duration.between(t, Instant.now());
    }
}
