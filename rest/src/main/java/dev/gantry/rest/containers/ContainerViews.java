package dev.gantry.rest.containers;

import dev.gantry.core.container.config.EndpointConfig;
import dev.gantry.core.container.store.ContainerConfigDocument;
import dev.gantry.core.container.store.HostConfigDocument;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.ContainerState;
import dev.gantry.core.container.ContainerStatus;
import dev.gantry.core.container.ContainerSupervisor;
import dev.gantry.core.container.Health;
import dev.gantry.core.container.LogDrivers;
import dev.gantry.core.container.MountPoint;
import dev.gantry.core.network.EndpointRecord;
import dev.gantry.core.network.NetworkRecord;
import dev.gantry.core.network.Networking;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A container as Docker's inspect and list show it. */
public final class ContainerViews {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ContainerViews() {
    }

    static ObjectNode inspect(Container c, ContainerSupervisor s, List<String> execIds, String storageDriver,
                              Networking networking) {
        ObjectNode n = F.objectNode();
        n.put("Id", c.id());
        n.put("Created", time(c.created()));
        List<String> cmd = c.commandLine();
        n.put("Path", cmd.isEmpty() ? "" : cmd.getFirst());
        ArrayNode args = n.putArray("Args");
        cmd.stream().skip(1).forEach(args::add);
        n.set("State", state(c.state()));
        n.put("Image", c.imageId());
        var data = s.dataDir(c.id());
        n.put("ResolvConfPath", data.resolve("resolv.conf").toString());
        n.put("HostnamePath", data.resolve("hostname").toString());
        n.put("HostsPath", data.resolve("hosts").toString());
        // dockerd names no log file for a driver that keeps none
        n.put("LogPath", LogDrivers.readable(c.hostConfig()) ? s.logFile(c.id()).toString() : "");
        n.put("Name", "/" + c.name());
        n.put("RestartCount", c.restartCount());
        n.put("Driver", storageDriver);
        n.put("Platform", "linux");
        n.put("MountLabel", "");
        n.put("ProcessLabel", "");
        n.put("AppArmorProfile", "");
        ArrayNode execs = n.putArray("ExecIDs");
        execIds.forEach(execs::add);
        if (execIds.isEmpty()) {
            n.putNull("ExecIDs");
        }
        n.set("HostConfig", HostConfigDocument.write(c.hostConfig().withLinks(dev.gantry.core.network.Links.view(c))));
        ObjectNode graph = n.putObject("GraphDriver");
        graph.put("Name", storageDriver);
        graph.putObject("Data");
        n.set("Mounts", mounts(c));
        n.set("Config", ContainerConfigDocument.write(c.config()));
        n.set("NetworkSettings", network(c, networking));
        return n;
    }

    static ObjectNode state(ContainerState st) {
        ObjectNode n = F.objectNode();
        n.put("Status", st.status().word());
        n.put("Running", st.status() == ContainerStatus.RUNNING || st.status() == ContainerStatus.PAUSED);
        n.put("Paused", st.status() == ContainerStatus.PAUSED);
        n.put("Restarting", st.status() == ContainerStatus.RESTARTING);
        n.put("OOMKilled", st.oomKilled());
        n.put("Dead", st.status() == ContainerStatus.DEAD);
        n.put("Pid", st.pid());
        n.put("ExitCode", st.exitCode());
        n.put("Error", st.error());
        n.put("StartedAt", time(st.startedAt()));
        n.put("FinishedAt", time(st.finishedAt()));
        st.healthView().ifPresent(h -> n.set("Health", health(h)));
        return n;
    }

    static ObjectNode health(Health h) {
        ObjectNode n = F.objectNode();
        n.put("Status", h.status());
        n.put("FailingStreak", h.failingStreak());
        ArrayNode log = n.putArray("Log");
        for (Health.Probe p : h.log()) {
            log.addObject().put("Start", time(p.start())).put("End", time(p.end())).put("ExitCode", p.exitCode())
                    .put("Output", p.output());
        }
        return n;
    }

    static ArrayNode mounts(Container c) {
        ArrayNode arr = F.arrayNode();
        for (MountPoint m : c.mounts()) {
            ObjectNode o = arr.addObject();
            o.put("Type", m.type());
            if (!m.name().isEmpty()) {
                o.put("Name", m.name());
            }
            o.put("Source", m.source());
            o.put("Destination", m.destination());
            if (!m.driver().isEmpty()) {
                o.put("Driver", m.driver());
            }
            o.put("Mode", m.mode());
            o.put("RW", m.rw());
            o.put("Propagation", m.propagation());
        }
        return arr;
    }

    private static ObjectNode network(Container c, Networking networking) {
        ObjectNode n = F.objectNode();
        n.put("Bridge", "");
        n.put("SandboxID", "");
        n.put("SandboxKey", c.status().alive() && !Networking.mode(c).equals("host") && !Networking.mode(c).equals("none")
                ? "/run/netns/gantry-" + c.shortId() : "");
        ObjectNode ports = n.putObject("Ports");
        c.config().exposedOrEmpty().forEach(ports::putNull);
        n.put("Gateway", "");
        n.put("IPAddress", "");
        n.put("IPPrefixLen", 0);
        n.put("MacAddress", "");
        ObjectNode nets = n.putObject("Networks");
        String mode = Networking.mode(c);
        List<EndpointRecord> endpoints = networking == null ? List.of() : networking.store().endpointsOf(c.id());
        if (mode.equals("host") || mode.equals("none")) {
            endpoint(nets.putObject(mode), networking == null ? "" : networking.store().find(mode).map(NetworkRecord::id).orElse(""),
                    null, null, EndpointConfig.none(), List.of());
        }
        boolean first = true;
        for (var entry : c.networks().entrySet()) {
            NetworkRecord net = networking == null ? null : networking.store().find(entry.getKey()).orElse(null);
            EndpointRecord e = net == null ? null
                    : endpoints.stream().filter(x -> x.networkId().equals(net.id())).findFirst().orElse(null);
            List<String> dnsNames = e != null && net.resolvesNames() ? networking.names().namesOf(e) : List.of();
            endpoint(nets.putObject(entry.getKey()), net == null ? "" : net.id(), e, net, entry.getValue(), dnsNames);
            if (e != null && first) {
                // the top-level fields are the first network's, as for Docker's default bridge
                n.put("Gateway", net.gateway()).put("IPAddress", e.address()).put("IPPrefixLen", net.prefixLength())
                        .put("MacAddress", e.mac());
                dev.gantry.rest.networks.EndpointViews.topLevelIpv6(n, e, net);
                first = false;
            }
            if (e == null) {
                continue;
            }
            for (EndpointRecord.Port p : e.ports()) {
                String key = p.containerPort() + "/" + p.protocol();
                ArrayNode list = ports.get(key) instanceof ArrayNode a ? a : ports.putArray(key);
                list.addObject().put("HostIp", p.hostIp()).put("HostPort", Integer.toString(p.hostPort()));
            }
        }
        return n;
    }

    private static void endpoint(ObjectNode ep, String networkId, EndpointRecord e, NetworkRecord net, EndpointConfig settings,
                                 List<String> dnsNames) {
        dev.gantry.rest.networks.EndpointViews.endpoint(ep, networkId, e, net, settings, dnsNames);
    }

    /** The list row with {@code Ports} filled from the container's endpoints, as {@code docker ps} shows them. */
    public static ObjectNode summary(Container c, Networking networking) {
        ObjectNode n = summary(c);
        n.set("Ports", ports(c, networking == null ? List.of() : networking.store().endpointsOf(c.id())));
        return n;
    }

    /**
     * dockerd's list form of the ports: one entry per host binding ({@code IP}, {@code PublicPort}), and one
     * without them for each exposed port that has none.
     */
    static ArrayNode ports(Container c, List<EndpointRecord> endpoints) {
        ArrayNode out = F.arrayNode();
        java.util.Set<String> bound = new java.util.HashSet<>();
        for (EndpointRecord e : endpoints) {
            for (EndpointRecord.Port p : e.ports()) {
                bound.add(p.containerPort() + "/" + p.protocol());
                out.addObject().put("IP", p.hostIp()).put("PrivatePort", p.containerPort())
                        .put("PublicPort", p.hostPort()).put("Type", p.protocol());
            }
        }
        c.config().exposedOrEmpty().forEach(key -> {
            if (!bound.contains(key)) {
                int slash = key.indexOf('/');
                try {
                    out.addObject().put("PrivatePort", Integer.parseInt(slash < 0 ? key : key.substring(0, slash)))
                            .put("Type", slash < 0 ? "tcp" : key.substring(slash + 1));
                } catch (NumberFormatException e) {
                    // a range or garbage from an old record: dockerd lists nothing for it either
                }
            }
        });
        return out;
    }

    public static ObjectNode summary(Container c) {
        ObjectNode n = F.objectNode();
        n.put("Id", c.id());
        n.putArray("Names").add("/" + c.name());
        n.put("Image", c.config().image());
        n.put("ImageID", c.imageId());
        n.put("Command", String.join(" ", c.commandLine()));
        n.put("Created", c.created().getEpochSecond());
        n.putArray("Ports");
        n.set("Labels", ContainerConfigDocument.map(c.config().labelsOrEmpty()));
        n.put("State", c.status().word());
        n.put("Status", statusText(c));
        n.putObject("HostConfig").put("NetworkMode", c.hostConfig().networkMode().isEmpty() ? "bridge"
                : c.hostConfig().networkMode());
        ObjectNode networks = n.putObject("NetworkSettings").putObject("Networks");
        c.networks().keySet().forEach(networks::putObject);
        n.set("Mounts", mounts(c));
        return n;
    }

    /** Docker's human status: "Up 5 seconds", "Exited (0) 2 minutes ago", "Created". */
    static String statusText(Container c) {
        ContainerState st = c.state();
        return switch (st.status()) {
            case RUNNING -> "Up " + human(Duration.between(st.startedAt(), Instant.now())) + health(st);
            case PAUSED -> "Up " + human(Duration.between(st.startedAt(), Instant.now())) + " (Paused)";
            case RESTARTING -> "Restarting (" + st.exitCode() + ") " + human(Duration.between(st.finishedAt(), Instant.now())) + " ago";
            case EXITED -> "Exited (" + st.exitCode() + ") " + human(Duration.between(st.finishedAt(), Instant.now())) + " ago";
            case CREATED -> "Created";
            case REMOVING -> "Removal In Progress";
            case DEAD -> "Dead";
        };
    }

    private static String health(ContainerState st) {
        return st.healthView().map(h -> " (" + (h.status().equals(Health.STARTING) ? "health: starting" : h.status()) + ")").orElse("");
    }

    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 1) {
            return "Less than a second";
        } else if (s == 1) {
            return "1 second";
        } else if (s < 60) {
            return s + " seconds";
        } else if (s / 60 == 1) {
            return "About a minute";
        } else if (s < 3600) {
            return s / 60 + " minutes";
        } else if (s / 3600 == 1) {
            return "About an hour";
        } else if (s < 48 * 3600) {
            return s / 3600 + " hours";
        }
        return s / 86400 + " days";
    }

    static String time(Instant t) {
        return t == null ? time(ContainerState.NEVER) : DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
