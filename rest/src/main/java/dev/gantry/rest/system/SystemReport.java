package dev.gantry.rest.system;

import dev.gantry.core.container.Container;
import dev.gantry.core.container.ContainerStatus;
import dev.gantry.core.container.ContainerStore;
import dev.gantry.core.container.ContainerSupervisor;
import dev.gantry.core.volume.VolumeStore;
import dev.gantry.rest.containers.ContainerViews;
import dev.gantry.rest.volumes.VolumesResource;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineConfig;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.plugin.LoadedPlugin;
import dev.gantry.core.plugin.PluginRegistry;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.system.HostInfo;
import dev.gantry.rest.images.ImageSummaries;
import dev.gantry.rest.engine.BuildInfo;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.runtime.OciRuntime;
import dev.gantry.spi.storage.StorageDriver;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds the Docker-shaped answers of the system endpoints from core's facts. Field names and shapes follow the
 * Docker Engine API's SystemVersion, SystemInfo and SystemDataUsageResponse.
 */
@ApplicationScoped
public class SystemReport {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final PluginRegistry plugins;
    private final HostInfo host;
    private final EngineConfig config;
    private final EventBus events;
    private final BuildInfo build = BuildInfo.load();

    private final ImageStore images;
    private final ContainerStore containers;
    private final VolumeStore volumes;

    SystemReport(PluginRegistry plugins, HostInfo host, EngineConfig config, EventBus events, ImageStore images,
                 ContainerSupervisor supervisor, VolumeStore volumes) {
        this.images = images;
        this.containers = supervisor.store();
        this.volumes = volumes;
        this.plugins = plugins;
        this.host = host;
        this.config = config;
        this.events = events;
    }

    private volatile ObjectNode version;
    private volatile byte[] versionBytes;
    /** The engine's ID and whether seccomp is there: fixed for the engine's life, read once. */
    private volatile String engineId;
    private volatile Boolean seccomp;

    /** Built once: every part is fixed for the engine's life (build, host, the runtimes loaded at start). */
    public ObjectNode version() {
        ObjectNode v = version;
        if (v == null) {
            v = buildVersion();
            version = v;
        }
        return v;
    }

    /** {@link #version()} serialised once: {@code /version} writes these bytes. */
    public byte[] versionBytes() {
        byte[] b = versionBytes;
        if (b == null) {
            try {
                b = dev.gantry.core.state.Documents.MAPPER.writeValueAsBytes(version());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            versionBytes = b;
        }
        return b;
    }

    private ObjectNode buildVersion() {
        ObjectNode v = JSON.objectNode();
        v.putObject("Platform").put("Name", "Gantry " + build.version());
        ArrayNode components = v.putArray("Components");
        ObjectNode gantry = components.addObject().put("Name", "Gantry").put("Version", build.version());
        gantry.putObject("Details")
                .put("ApiVersion", BuildInfo.API_VERSION)
                .put("MinAPIVersion", BuildInfo.MIN_API_VERSION)
                .put("GitCommit", build.gitCommit())
                .put("JavaVersion", Runtime.version().toString())
                .put("Os", "linux")
                .put("Arch", host.goArch())
                .put("KernelVersion", host.kernelVersion())
                .put("BuildTime", build.buildTime())
                .put("Experimental", "false");
        for (LoadedPlugin p : plugins.ofKind(PluginKind.RUNTIME)) {
            if (p.usable()) {
                components.addObject().put("Name", p.descriptor().name())
                        .put("Version", p.availability().detail())
                        .putObject("Details").put("Plugin", p.descriptor().version());
            }
        }
        v.put("Version", BuildInfo.DOCKER_ENGINE_VERSION)
                .put("ApiVersion", BuildInfo.API_VERSION)
                .put("MinAPIVersion", BuildInfo.MIN_API_VERSION)
                .put("GitCommit", build.gitCommit())
                .put("GoVersion", "java" + Runtime.version().feature())
                .put("Os", "linux")
                .put("Arch", host.goArch())
                .put("KernelVersion", host.kernelVersion())
                .put("BuildTime", build.buildTime());
        return v;
    }

    public ObjectNode info() {
        ObjectNode i = JSON.objectNode();
        List<Container> all = containers.list();
        i.put("ID", engineId())
                .put("Containers", all.size())
                .put("ContainersRunning", all.stream().filter(c -> c.status() == ContainerStatus.RUNNING).count())
                .put("ContainersPaused", all.stream().filter(c -> c.status() == ContainerStatus.PAUSED).count())
                .put("ContainersStopped", all.stream().filter(c -> !c.status().alive()).count())
                .put("Images", images.count());
        storage(i);
        ObjectNode pluginNames = i.putObject("Plugins");
        pluginNames.putArray("Volume");
        ArrayNode network = pluginNames.putArray("Network");
        plugins.ofKind(PluginKind.NETWORK).stream().filter(LoadedPlugin::usable).forEach(p -> network.add(p.descriptor().name()));
        pluginNames.putNull("Authorization");
        pluginNames.putArray("Log");
        i.put("MemoryLimit", true).put("SwapLimit", Files.exists(Path.of("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes")) || host.cgroups().dockerVersion().equals("2"))
                .put("CpuCfsPeriod", true).put("CpuCfsQuota", true).put("CPUShares", true).put("CPUSet", true)
                .put("PidsLimit", true).put("IPv4Forwarding", host.ipv4Forwarding())
                .put("BridgeNfIptables", Files.exists(Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables")))
                .put("BridgeNfIp6tables", Files.exists(Path.of("/proc/sys/net/bridge/bridge-nf-call-ip6tables")))
                .put("Debug", false)
                .put("NFd", openFiles())
                .put("OomKillDisable", host.cgroups().dockerVersion().equals("1"))
                .put("NGoroutines", Thread.activeCount())
                .put("SystemTime", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .put("LoggingDriver", "json-file")
                .put("CgroupDriver", "cgroupfs")
                .put("CgroupVersion", host.cgroups().dockerVersion())
                .put("NEventsListener", events.listeners())
                .put("KernelVersion", host.kernelVersion())
                .put("OperatingSystem", host.operatingSystem())
                .put("OSVersion", host.osVersion())
                .put("OSType", "linux")
                .put("Architecture", host.architecture())
                .put("IndexServerAddress", "https://index.docker.io/v1/")
                .put("NCPU", host.cpus())
                .put("MemTotal", host.memTotal())
                .put("DockerRootDir", config.dataRoot().toString())
                .put("HttpProxy", env("HTTP_PROXY")).put("HttpsProxy", env("HTTPS_PROXY")).put("NoProxy", env("NO_PROXY"))
                .put("Name", host.hostname())
                .put("ExperimentalBuild", false)
                .put("ServerVersion", BuildInfo.DOCKER_ENGINE_VERSION);
        ObjectNode registry = i.putObject("RegistryConfig");
        registry.putArray("InsecureRegistryCIDRs").add("127.0.0.0/8").add("::1/128");
        registry.putObject("IndexConfigs");
        registry.putArray("Mirrors");
        runtimes(i);
        ObjectNode swarm = i.putObject("Swarm");
        swarm.put("NodeID", "").put("NodeAddr", "").put("LocalNodeState", "inactive").put("ControlAvailable", false)
                .put("Error", "").putNull("RemoteManagers");
        i.put("LiveRestoreEnabled", true).put("Isolation", "").put("InitBinary", "catatonit");
        i.putObject("ContainerdCommit").put("ID", "").put("Expected", "");
        i.putObject("RuncCommit").put("ID", "").put("Expected", "");
        i.putObject("InitCommit").put("ID", "").put("Expected", "");
        ArrayNode security = i.putArray("SecurityOptions");
        // what containers get: the built-in seccomp profile; no AppArmor profile and no cgroup namespace are applied
        Boolean withSeccomp = seccomp;
        if (withSeccomp == null) {
            withSeccomp = seccompSupported();
            seccomp = withSeccomp;
        }
        if (withSeccomp) {
            security.add("name=seccomp,profile=builtin");
        }
        ArrayNode labels = i.putArray("Labels");
        ArrayNode warnings = i.putArray("Warnings");
        for (LoadedPlugin p : plugins.all()) {
            labels.add(pluginLabel(p));
            if (!p.usable()) {
                warnings.add("WARNING: " + p.descriptor().kind().title().toLowerCase() + " plugin " + p.descriptor().name()
                        + " is unavailable: " + p.availability().reason());
            }
        }
        return i;
    }

    /** {@code dev.gantry.plugin.runtime.crun=0.1.0 unavailable: ...}: how {@code docker info} shows plugins. */
    static String pluginLabel(LoadedPlugin p) {
        var d = p.descriptor();
        String state = p.usable() ? "available" : "unavailable: " + p.availability().reason();
        return "dev.gantry.plugin." + d.kind().name().toLowerCase() + "." + d.name() + "=" + d.version() + " " + state
                + (p.source().builtIn() ? "" : " (" + p.source().location() + ")");
    }

    private void storage(ObjectNode i) {
        var selected = plugins.selectedStorage();
        i.put("Driver", selected.map(p -> p.descriptor().name()).orElse(""));
        ArrayNode status = i.putArray("DriverStatus");
        selected.ifPresent(p -> {
            status.addArray().add("Plugin").add(p.descriptor().name() + " " + p.descriptor().version());
            status.addArray().add("Deletion style").add(((StorageDriver) p.plugin()).deletionStyle().name().toLowerCase());
        });
        if (selected.isEmpty()) {
            status.addArray().add("Error").add("no storage plugin is available"
                    + config.storageDriver().map(n -> " under the configured name " + n).orElse(""));
        }
    }

    private void runtimes(ObjectNode i) {
        ObjectNode runtimes = i.putObject("Runtimes");
        for (LoadedPlugin p : plugins.ofKind(PluginKind.RUNTIME)) {
            ObjectNode r = runtimes.putObject(p.descriptor().name());
            if (p.usable()) {
                r.put("path", ((OciRuntime) p.plugin()).command().get(0));
            } else {
                r.put("path", p.descriptor().name());
            }
            r.putObject("status").put("dev.gantry.available", Boolean.toString(p.usable()))
                    .put("dev.gantry.reason", p.availability().reason())
                    .put("dev.gantry.version", p.availability().detail());
        }
        i.put("DefaultRuntime", plugins.selectedRuntime().map(p -> p.descriptor().name()).orElse(""));
    }

    public ObjectNode diskUsage() {
        ObjectNode df = JSON.objectNode();
        // sizes stored when each layer was committed: no walk of the layers' trees per request
        df.put("LayersSize", images.layersDiskUsage());
        ArrayNode list = df.putArray("Images");
        images.list().forEach(i -> list.add(ImageSummaries.summary(i)));
        ArrayNode cs = df.putArray("Containers");
        containers.list().forEach(c -> cs.add(ContainerViews.summary(c).put("SizeRw", 0).put("SizeRootFs", 0)));
        ArrayNode vs = df.putArray("Volumes");
        for (var v : volumes.list()) {
            ObjectNode n = VolumesResource.json(v);
            n.putObject("UsageData").put("Size", volumes.size(java.nio.file.Path.of(v.mountpoint())))
                    .put("RefCount", volumes.users(v.name()).size());
            vs.add(n);
        }
        df.putArray("BuildCache");
        return df;
    }

    private String engineId() {
        String id = engineId;
        if (id == null || id.isEmpty()) {
            id = readEngineId();
            engineId = id;
        }
        return id;
    }

    private String readEngineId() {
        // Docker's ID is a stable key id; Gantry keeps one per data root
        Path idFile = config.dataRoot().resolve("engine-id");
        try {
            if (!Files.exists(idFile)) {
                Path tmp = Files.writeString(config.dataRoot().resolve("engine-id.tmp"), java.util.UUID.randomUUID().toString());
                Files.move(tmp, idFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(idFile).strip();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static long openFiles() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static boolean seccompSupported() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.startsWith("Seccomp:"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "" : v;
    }
}
