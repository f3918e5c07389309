package dev.gantry.core.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Fills Docker's defaults into a create request's {@code HostConfig}, as inspect shows them. */
final class HostConfigs {
    private HostConfigs() {
    }

    static ObjectNode normalize(JsonNode given) {
        ObjectNode hc = given != null && given.isObject() ? ((ObjectNode) given).deepCopy() : ContainerStore.JSON.createObjectNode();
        String mode = hc.path("NetworkMode").asText("");
        if (mode.isEmpty() || mode.equals("default")) {
            hc.put("NetworkMode", "bridge");
        }
        if (!hc.path("RestartPolicy").isObject()) {
            hc.putObject("RestartPolicy");
        }
        ObjectNode rp = (ObjectNode) hc.get("RestartPolicy");
        if (rp.path("Name").asText("").isEmpty()) {
            rp.put("Name", "no");
        }
        rp.put("MaximumRetryCount", rp.path("MaximumRetryCount").asInt(0));
        RestartPolicy.of(hc).validate(hc.path("AutoRemove").asBoolean(false));
        dev.gantry.core.container.security.SecurityOpts.parse(OciSpec.strings(hc.path("SecurityOpt")), ContainerStore.JSON);
        if (!hc.path("LogConfig").isObject()) {
            hc.putObject("LogConfig");
        }
        ObjectNode log = (ObjectNode) hc.get("LogConfig");
        if (log.path("Type").asText("").isEmpty()) {
            log.put("Type", "json-file");
        }
        if (!log.path("Config").isObject()) {
            log.putObject("Config");
        }
        LogDrivers.validate(log.path("Type").asText(), log.path("Config"));
        for (String f : java.util.List.of("Privileged", "ReadonlyRootfs", "AutoRemove", "PublishAllPorts")) {
            hc.put(f, hc.path(f).asBoolean(false));
        }
        for (String f : java.util.List.of("Memory", "MemorySwap", "MemoryReservation", "NanoCpus", "CpuShares",
                "CpuPeriod", "CpuQuota", "BlkioWeight", "ShmSize")) {
            hc.put(f, hc.path(f).asLong(0));
        }
        Resources.defaultSwap(hc);
        if (hc.path("ShmSize").asLong() == 0) {
            hc.put("ShmSize", 64L * 1024 * 1024);
        }
        if (!hc.hasNonNull("PidsLimit")) {
            hc.putNull("PidsLimit");
        }
        hc.put("CpusetCpus", hc.path("CpusetCpus").asText(""));
        hc.put("CpusetMems", hc.path("CpusetMems").asText(""));
        return hc;
    }
}
