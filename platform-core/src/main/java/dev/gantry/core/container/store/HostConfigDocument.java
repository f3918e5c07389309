package dev.gantry.core.container.store;

import static dev.gantry.core.container.store.ContainerConfigDocument.map;
import static dev.gantry.core.container.store.ContainerConfigDocument.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.config.HostResources;
import dev.gantry.core.container.config.LogConfig;
import dev.gantry.core.container.config.PortBinding;
import dev.gantry.core.container.config.RestartPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link HostConfig} in Docker's {@code HostConfig} form, the form requests give and the state store has always
 * kept. Reading is lenient (an absent field is unset, a lone string is a list of one); writing gives every field
 * dockerd's struct has, leaving out the {@code omitempty} ones when unset, so inspect shows Docker's full
 * {@code HostConfig} and stored records keep their shape.
 */
public final class HostConfigDocument {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private HostConfigDocument() {
    }

    public static HostConfig read(JsonNode n) {
        if (n == null || !n.isObject()) {
            return HostConfig.empty();
        }
        JsonNode init = n.get("Init");
        return new HostConfig(strings(n.get("Binds")), text(n, "ContainerIDFile"), logConfig(n.get("LogConfig")),
                text(n, "NetworkMode"), portBindings(n.get("PortBindings")), restartPolicy(n.get("RestartPolicy")),
                bool(n, "AutoRemove"), text(n, "VolumeDriver"), strings(n.get("VolumesFrom")),
                consoleSize(n.get("ConsoleSize")), map(n.get("Annotations")), strings(n.get("CapAdd")),
                strings(n.get("CapDrop")), text(n, "CgroupnsMode"), strings(n.get("Dns")),
                strings(n.get("DnsOptions")), strings(n.get("DnsSearch")), strings(n.get("ExtraHosts")),
                strings(n.get("GroupAdd")), text(n, "IpcMode"), text(n, "Cgroup"), strings(n.get("Links")),
                n.path("OomScoreAdj").asInt(0), text(n, "PidMode"), bool(n, "Privileged"), bool(n, "PublishAllPorts"),
                bool(n, "ReadonlyRootfs"), strings(n.get("SecurityOpt")), map(n.get("StorageOpt")),
                map(n.get("Tmpfs")), text(n, "UTSMode"), text(n, "UsernsMode"), n.path("ShmSize").asLong(0),
                map(n.get("Sysctls")), text(n, "Runtime"), text(n, "Isolation"), HostResourcesDocument.read(n),
                MountSpecDocument.read(n.get("Mounts")), strings(n.get("MaskedPaths")),
                strings(n.get("ReadonlyPaths")), init == null || init.isNull() ? null : init.asBoolean(false));
    }

    public static ObjectNode write(HostConfig h) {
        ObjectNode n = F.objectNode();
        n.set("Binds", strings(h.binds()));
        n.put("ContainerIDFile", h.containerIdFile());
        n.set("LogConfig", logConfig(h.logConfig()));
        n.put("NetworkMode", h.networkMode());
        n.set("PortBindings", portBindings(h.portBindings()));
        n.set("RestartPolicy", restartPolicy(h.restartPolicy()));
        n.put("AutoRemove", h.autoRemove());
        n.put("VolumeDriver", h.volumeDriver());
        n.set("VolumesFrom", strings(h.volumesFrom()));
        ArrayNode console = n.putArray("ConsoleSize");
        h.consoleSize().forEach(console::add);
        putNonEmpty(n, "Annotations", h.annotations());
        n.set("CapAdd", strings(h.capAdd()));
        n.set("CapDrop", strings(h.capDrop()));
        n.put("CgroupnsMode", h.cgroupnsMode());
        n.set("Dns", strings(h.dns()));
        n.set("DnsOptions", strings(h.dnsOptions()));
        n.set("DnsSearch", strings(h.dnsSearch()));
        n.set("ExtraHosts", strings(h.extraHosts()));
        n.set("GroupAdd", strings(h.groupAdd()));
        n.put("IpcMode", h.ipcMode());
        n.put("Cgroup", h.cgroup());
        n.set("Links", strings(h.links()));
        n.put("OomScoreAdj", h.oomScoreAdj());
        n.put("PidMode", h.pidMode());
        n.put("Privileged", h.privileged());
        n.put("PublishAllPorts", h.publishAllPorts());
        n.put("ReadonlyRootfs", h.readonlyRootfs());
        n.set("SecurityOpt", strings(h.securityOpt()));
        putNonEmpty(n, "StorageOpt", h.storageOpt());
        putNonEmpty(n, "Tmpfs", h.tmpfs());
        n.put("UTSMode", h.utsMode());
        n.put("UsernsMode", h.usernsMode());
        n.put("ShmSize", h.shmSize());
        putNonEmpty(n, "Sysctls", h.sysctls());
        if (!h.runtime().isEmpty()) {
            n.put("Runtime", h.runtime());
        }
        n.put("Isolation", h.isolation());
        HostResourcesDocument.write(h.resources(), n);
        if (h.mounts() != null && !h.mounts().isEmpty()) {
            n.set("Mounts", MountSpecDocument.write(h.mounts()));
        }
        n.set("MaskedPaths", strings(h.maskedPaths()));
        n.set("ReadonlyPaths", strings(h.readonlyPaths()));
        if (h.init() != null) {
            n.put("Init", h.init());
        }
        return n;
    }

    /** A {@code docker update} request ({@code POST /containers/{id}/update}): what it gives of the updatable fields. */
    public static HostResources.Update update(JsonNode n) {
        return new HostResources.Update(number(n, "CpuShares"), number(n, "Memory"), number(n, "NanoCpus"),
                number(n, "BlkioWeight"), number(n, "CpuPeriod"), number(n, "CpuQuota"),
                n.hasNonNull("CpusetCpus") ? n.get("CpusetCpus").asText() : null,
                n.hasNonNull("CpusetMems") ? n.get("CpusetMems").asText() : null, number(n, "MemoryReservation"),
                number(n, "MemorySwap"), number(n, "PidsLimit"), restartPolicy(n.get("RestartPolicy")));
    }

    private static Long number(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asLong() : null;
    }

    public static LogConfig logConfig(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        return new LogConfig(text(n, "Type"), map(n.get("Config")));
    }

    public static ObjectNode logConfig(LogConfig l) {
        ObjectNode n = F.objectNode();
        n.put("Type", l.type());
        n.set("Config", map(l.config()));
        return n;
    }

    /** A {@code RestartPolicy} object; {@code null} when there is none. */
    public static RestartPolicy restartPolicy(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        return new RestartPolicy(text(n, "Name"), n.path("MaximumRetryCount").asInt(0));
    }

    public static ObjectNode restartPolicy(RestartPolicy p) {
        ObjectNode n = F.objectNode();
        n.put("Name", p.name());
        n.put("MaximumRetryCount", p.maximumRetryCount());
        return n;
    }

    private static Map<String, List<PortBinding>> portBindings(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        Map<String, List<PortBinding>> out = new LinkedHashMap<>();
        n.properties().forEach(e -> {
            List<PortBinding> bindings = new ArrayList<>();
            e.getValue().forEach(b -> bindings.add(new PortBinding(text(b, "HostIp"), text(b, "HostPort"))));
            out.put(e.getKey(), e.getValue().isNull() ? null : bindings);
        });
        return out;
    }

    public static JsonNode portBindings(Map<String, List<PortBinding>> m) {
        if (m == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        m.forEach((port, bindings) -> {
            if (bindings == null) {
                o.putNull(port);
                return;
            }
            ArrayNode a = o.putArray(port);
            bindings.forEach(b -> a.addObject().put("HostIp", b.hostIp()).put("HostPort", b.hostPort()));
        });
        return o;
    }

    private static List<Integer> consoleSize(JsonNode n) {
        if (n == null || !n.isArray() || n.size() != 2) {
            return null;
        }
        return List.of(n.get(0).asInt(0), n.get(1).asInt(0));
    }

    private static void putNonEmpty(ObjectNode n, String field, Map<String, String> m) {
        if (m != null && !m.isEmpty()) {
            n.set(field, map(m));
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static boolean bool(JsonNode n, String field) {
        return n.path(field).asBoolean(false);
    }
}
