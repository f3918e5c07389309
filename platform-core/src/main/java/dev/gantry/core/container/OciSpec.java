package dev.gantry.core.container;

import dev.gantry.core.container.config.ContainerConfig;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.config.Ulimit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.security.SecurityOpts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the OCI runtime spec ({@code config.json}) for a container from its Docker config with Docker's
 * defaults: capabilities, masked and read-only paths, the seccomp profile ({@link SecurityOpts}), the standard mounts, the user from
 * the image's own files, resources for the cgroup, and rlimits no higher than the host allows.
 */
public final class OciSpec {
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> MASKED = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    private static final List<String> READ_ONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");
    /** Namespaced sysctls a container may set, as Docker allows them. */
    private static final List<String> SYSCTL_PREFIXES = List.of("net.", "fs.mqueue.", "kernel.msg", "kernel.sem",
            "kernel.shm");

    /**
     * What the spec is built from besides the container itself.
     *
     * @param rootfs      the mounted root file system
     * @param files       host files bound over {@code /etc/hostname}, {@code /etc/hosts}, {@code /etc/resolv.conf}
     * @param netns       the network namespace: empty for a new one, {@code host} for the host's, or a path
     * @param mounts      the container's volumes, binds and tmpfs, as OCI mounts
     * @param initBinary  the init to bind at {@code /sbin/docker-init} for {@code --init}
     */
    public record Inputs(Path rootfs, Map<String, Path> files, String netns, List<ObjectNode> mounts,
                         Optional<Path> initBinary, Map<String, long[]> hostRlimits) {
    }

    private OciSpec() {
    }

    public static ObjectNode build(Container c, Inputs in) {
        ContainerConfig cfg = c.config();
        HostConfig hc = c.hostConfig();
        boolean privileged = hc.privileged();
        ObjectNode spec = F.objectNode();
        spec.put("ociVersion", "1.0.2");
        spec.set("process", process(c, in, privileged));
        ObjectNode root = spec.putObject("root");
        root.put("path", in.rootfs().toString());
        root.put("readonly", hc.readonlyRootfs());
        spec.put("hostname", ContainerFiles.hostname(c));
        if (!cfg.domainname().isEmpty()) {
            spec.put("domainname", cfg.domainname());
        }
        spec.set("mounts", mounts(c, in, privileged));
        spec.set("linux", linux(c, in, privileged));
        return spec;
    }

    private static ObjectNode process(Container c, Inputs in, boolean privileged) {
        ContainerConfig cfg = c.config();
        HostConfig hc = c.hostConfig();
        ObjectNode p = F.objectNode();
        p.put("terminal", c.tty());
        List<String> args = c.commandLine();
        if (args.isEmpty()) {
            throw EngineException.invalid("no command specified");
        }
        if (hc.initOrFalse()) {
            List<String> withInit = new ArrayList<>(List.of("/sbin/docker-init", "--"));
            withInit.addAll(args);
            args = withInit;
        }
        ArrayNode a = p.putArray("args");
        args.forEach(a::add);
        UserLookup.Resolved user = UserLookup.resolve(in.rootfs(), cfg.user(), hc.groupAddOrEmpty());
        ObjectNode u = p.putObject("user");
        u.put("uid", user.uid());
        u.put("gid", user.gid());
        if (!user.additionalGids().isEmpty()) {
            ArrayNode g = u.putArray("additionalGids");
            user.additionalGids().forEach(g::add);
        }
        p.set("env", env(c, user.home()));
        String cwd = cfg.workingDir();
        p.put("cwd", cwd.isEmpty() ? "/" : cwd);
        List<String> caps = privileged ? Capabilities.bounding()
                : Capabilities.effective(hc.capAddOrEmpty(), hc.capDropOrEmpty());
        ObjectNode capabilities = p.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode arr = capabilities.putArray(set);
            caps.forEach(arr::add);
        }
        p.put("noNewPrivileges", securityOpts(hc).noNewPrivileges());
        ArrayNode rlimits = rlimits(hc.resources().ulimitsOrEmpty(), in.hostRlimits());
        if (!rlimits.isEmpty()) {
            p.set("rlimits", rlimits);
        }
        p.put("oomScoreAdj", hc.oomScoreAdj());
        return p;
    }

    private static ArrayNode env(Container c, String home) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("PATH", DEFAULT_PATH.substring(5));
        defaults.put("HOSTNAME", ContainerFiles.hostname(c));
        if (c.tty()) {
            defaults.put("TERM", "xterm");
        }
        List<String> env = EnvVars.apply(defaults, c.config().envOrEmpty());
        if (env.stream().noneMatch(e -> e.startsWith("HOME="))) {
            env.add("HOME=" + (home.isEmpty() ? "/" : home));
        }
        ArrayNode out = F.arrayNode();
        env.forEach(out::add);
        return out;
    }

    private static ArrayNode rlimits(List<Ulimit> ulimits, Map<String, long[]> host) {
        ArrayNode out = F.arrayNode();
        for (Ulimit u : ulimits) {
            String name = u.name();
            String type = "RLIMIT_" + name.toUpperCase(java.util.Locale.ROOT);
            long soft = u.soft();
            long hard = u.hard();
            long[] limit = host.get(type);
            if (limit != null && limit[1] >= 0) {
                // a container may not raise what the host caps: runc would fail the start otherwise
                hard = Math.min(hard, limit[1]);
                soft = Math.min(soft, hard);
            }
            ObjectNode r = out.addObject();
            r.put("type", type);
            r.put("soft", soft);
            r.put("hard", hard);
        }
        return out;
    }

    private static ArrayNode mounts(Container c, Inputs in, boolean privileged) {
        HostConfig hc = c.hostConfig();
        ArrayNode m = F.arrayNode();
        mount(m, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
        mount(m, "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        mount(m, "/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
        mount(m, "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", privileged ? "rw" : "ro"));
        mount(m, "/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", privileged ? "rw" : "ro"));
        mount(m, "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
        long shm = hc.shmSize();
        mount(m, "/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777",
                "size=" + (shm > 0 ? shm : 64L * 1024 * 1024)));
        in.files().forEach((dest, source) -> mount(m, dest, "bind", source.toString(), List.of("rbind", "rprivate")));
        in.initBinary().ifPresent(init -> mount(m, "/sbin/docker-init", "bind", init.toString(), List.of("bind", "ro")));
        in.mounts().forEach(m::add);
        return m;
    }

    private static void mount(ArrayNode m, String dest, String type, String source, List<String> options) {
        ObjectNode o = m.addObject();
        o.put("destination", dest);
        o.put("type", type);
        o.put("source", source);
        ArrayNode opts = o.putArray("options");
        options.forEach(opts::add);
    }

    private static ObjectNode linux(Container c, Inputs in, boolean privileged) {
        HostConfig hc = c.hostConfig();
        ObjectNode l = F.objectNode();
        ArrayNode ns = l.putArray("namespaces");
        for (String type : List.of("pid", "ipc", "uts", "mount")) {
            ns.addObject().put("type", type);
        }
        if (in.netns().isEmpty()) {
            ns.addObject().put("type", "network");
        } else if (!in.netns().equals("host")) {
            ns.addObject().put("type", "network").put("path", in.netns());
        }
        l.put("cgroupsPath", "/gantry/" + c.id());
        l.set("resources", Resources.toOci(hc, privileged));
        ObjectNode sysctl = F.objectNode();
        hc.sysctlsOrEmpty().forEach((key, value) -> {
            if (SYSCTL_PREFIXES.stream().noneMatch(key::startsWith)) {
                throw EngineException.invalid("sysctl '" + key + "' is not allowed: only namespaced sysctls can be set");
            }
            if (key.startsWith("net.") && in.netns().equals("host")) {
                throw EngineException.invalid("sysctl '" + key + "' is not allowed in host network namespace");
            }
            sysctl.put(key, value);
        });
        if (!sysctl.isEmpty()) {
            l.set("sysctl", sysctl);
        }
        if (!privileged) {
            ArrayNode masked = l.putArray("maskedPaths");
            MASKED.forEach(masked::add);
            ArrayNode ro = l.putArray("readonlyPaths");
            READ_ONLY.forEach(ro::add);
        }
        List<String> caps = privileged ? Capabilities.bounding()
                : Capabilities.effective(hc.capAddOrEmpty(), hc.capDropOrEmpty());
        securityOpts(hc).seccomp(privileged, java.util.Set.copyOf(caps)).ifPresent(s -> l.set("seccomp", s));
        return l;
    }

    private static SecurityOpts securityOpts(HostConfig hc) {
        return SecurityOpts.parse(hc.securityOptOrEmpty(), ContainerStore.JSON);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
