package dev.gantry.core.container.store;

import static dev.gantry.core.container.store.ContainerConfigDocument.map;
import static dev.gantry.core.container.store.ContainerConfigDocument.strings;
import static dev.gantry.core.container.store.HostConfigDocument.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.container.config.BlkioDevice;
import dev.gantry.core.container.config.DeviceMapping;
import dev.gantry.core.container.config.DeviceRequest;
import dev.gantry.core.container.config.HostResources;
import dev.gantry.core.container.config.Ulimit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link HostResources} as the fields of Docker's {@code HostConfig} it is embedded in (dockerd's
 * {@code Resources} struct), in the struct's order.
 */
final class HostResourcesDocument {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private HostResourcesDocument() {
    }

    static HostResources read(JsonNode n) {
        return new HostResources(n.path("CpuShares").asLong(0), n.path("Memory").asLong(0),
                n.path("NanoCpus").asLong(0), text(n, "CgroupParent"), n.path("BlkioWeight").asInt(0),
                blkio(n.get("BlkioWeightDevice"), "Weight"), blkio(n.get("BlkioDeviceReadBps"), "Rate"),
                blkio(n.get("BlkioDeviceWriteBps"), "Rate"), blkio(n.get("BlkioDeviceReadIOps"), "Rate"),
                blkio(n.get("BlkioDeviceWriteIOps"), "Rate"), n.path("CpuPeriod").asLong(0),
                n.path("CpuQuota").asLong(0), n.path("CpuRealtimePeriod").asLong(0),
                n.path("CpuRealtimeRuntime").asLong(0), text(n, "CpusetCpus"), text(n, "CpusetMems"),
                list(n.get("Devices"), d -> new DeviceMapping(text(d, "PathOnHost"), text(d, "PathInContainer"),
                        text(d, "CgroupPermissions"))),
                strings(n.get("DeviceCgroupRules")), list(n.get("DeviceRequests"), HostResourcesDocument::request),
                n.path("KernelMemoryTCP").asLong(0), n.path("MemoryReservation").asLong(0),
                n.path("MemorySwap").asLong(0), optionalLong(n.get("MemorySwappiness")),
                n.hasNonNull("OomKillDisable") ? n.get("OomKillDisable").asBoolean(false) : null,
                optionalLong(n.get("PidsLimit")),
                list(n.get("Ulimits"), u -> new Ulimit(text(u, "Name"), u.path("Hard").asLong(0), u.path("Soft").asLong(0))),
                n.path("CpuCount").asLong(0), n.path("CpuPercent").asLong(0), n.path("IOMaximumIOps").asLong(0),
                n.path("IOMaximumBandwidth").asLong(0));
    }

    static void write(HostResources r, ObjectNode n) {
        n.put("CpuShares", r.cpuShares());
        n.put("Memory", r.memory());
        n.put("NanoCpus", r.nanoCpus());
        n.put("CgroupParent", r.cgroupParent());
        n.put("BlkioWeight", r.blkioWeight());
        n.set("BlkioWeightDevice", blkio(r.blkioWeightDevice(), "Weight"));
        n.set("BlkioDeviceReadBps", blkio(r.blkioDeviceReadBps(), "Rate"));
        n.set("BlkioDeviceWriteBps", blkio(r.blkioDeviceWriteBps(), "Rate"));
        n.set("BlkioDeviceReadIOps", blkio(r.blkioDeviceReadIOps(), "Rate"));
        n.set("BlkioDeviceWriteIOps", blkio(r.blkioDeviceWriteIOps(), "Rate"));
        n.put("CpuPeriod", r.cpuPeriod());
        n.put("CpuQuota", r.cpuQuota());
        n.put("CpuRealtimePeriod", r.cpuRealtimePeriod());
        n.put("CpuRealtimeRuntime", r.cpuRealtimeRuntime());
        n.put("CpusetCpus", r.cpusetCpus());
        n.put("CpusetMems", r.cpusetMems());
        n.set("Devices", array(r.devices(), d -> F.objectNode().put("PathOnHost", d.pathOnHost())
                .put("PathInContainer", d.pathInContainer()).put("CgroupPermissions", d.cgroupPermissions())));
        n.set("DeviceCgroupRules", strings(r.deviceCgroupRules()));
        n.set("DeviceRequests", array(r.deviceRequests(), HostResourcesDocument::request));
        if (r.kernelMemoryTcp() != 0) {
            n.put("KernelMemoryTCP", r.kernelMemoryTcp());
        }
        n.put("MemoryReservation", r.memoryReservation());
        n.put("MemorySwap", r.memorySwap());
        n.set("MemorySwappiness", r.memorySwappiness() == null ? F.nullNode() : F.numberNode(r.memorySwappiness()));
        n.set("OomKillDisable", r.oomKillDisable() == null ? F.nullNode() : F.booleanNode(r.oomKillDisable()));
        n.set("PidsLimit", r.pidsLimit() == null ? F.nullNode() : F.numberNode(r.pidsLimit()));
        n.set("Ulimits", array(r.ulimits(), u -> F.objectNode().put("Name", u.name()).put("Hard", u.hard())
                .put("Soft", u.soft())));
        n.put("CpuCount", r.cpuCount());
        n.put("CpuPercent", r.cpuPercent());
        n.put("IOMaximumIOps", r.ioMaximumIOps());
        n.put("IOMaximumBandwidth", r.ioMaximumBandwidth());
    }

    private static DeviceRequest request(JsonNode d) {
        List<List<String>> caps = null;
        if (d.path("Capabilities").isArray()) {
            caps = new ArrayList<>();
            for (JsonNode c : d.get("Capabilities")) {
                List<String> one = strings(c);
                caps.add(one == null ? List.of() : one);
            }
        }
        return new DeviceRequest(text(d, "Driver"), d.path("Count").asInt(0), strings(d.get("DeviceIDs")), caps,
                map(d.get("Options")));
    }

    private static JsonNode request(DeviceRequest d) {
        ObjectNode o = F.objectNode();
        o.put("Driver", d.driver());
        o.put("Count", d.count());
        o.set("DeviceIDs", strings(d.deviceIds()));
        o.set("Capabilities", array(d.capabilities(), ContainerConfigDocument::strings));
        o.set("Options", map(d.options()));
        return o;
    }

    private static List<BlkioDevice> blkio(JsonNode n, String valueField) {
        return list(n, d -> new BlkioDevice(text(d, "Path"), d.path(valueField).asLong(0)));
    }

    private static JsonNode blkio(List<BlkioDevice> l, String valueField) {
        return array(l, d -> F.objectNode().put("Path", d.path()).put(valueField, d.value()));
    }

    private static Long optionalLong(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }

    static <T> List<T> list(JsonNode n, Function<JsonNode, T> read) {
        if (n == null || !n.isArray()) {
            return null;
        }
        List<T> out = new ArrayList<>();
        n.forEach(e -> out.add(read.apply(e)));
        return out;
    }

    static <T> JsonNode array(List<T> l, Function<T, JsonNode> write) {
        if (l == null) {
            return F.nullNode();
        }
        ArrayNode a = F.arrayNode();
        l.forEach(e -> a.add(write.apply(e)));
        return a;
    }
}
