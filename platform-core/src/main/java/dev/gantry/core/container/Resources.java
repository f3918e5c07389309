package dev.gantry.core.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's resource options ({@code HostConfig.Memory}, {@code NanoCpus}, ...) as the OCI spec's
 * {@code linux.resources}, which runc writes to cgroup v1 or v2 files. Also checks them as Docker does, and says
 * which the host cannot honour.
 */
public final class Resources {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final long MIN_MEMORY = 6 * 1024 * 1024;
    static final List<String> UPDATABLE = List.of("Memory", "MemorySwap", "MemoryReservation", "NanoCpus", "CpuShares",
            "CpuPeriod", "CpuQuota", "CpusetCpus", "CpusetMems", "PidsLimit", "BlkioWeight", "RestartPolicy");

    private Resources() {
    }

    /** Checks the values and returns the warnings Docker would give for what the host ignores. */
    public static List<String> validate(JsonNode hc) {
        List<String> warnings = new ArrayList<>();
        long memory = hc.path("Memory").asLong(0);
        if (memory > 0 && memory < MIN_MEMORY) {
            throw EngineException.invalid("Minimum memory limit allowed is 6MB");
        }
        long swap = hc.path("MemorySwap").asLong(0);
        if (swap > 0 && memory > 0 && swap < memory) {
            throw EngineException.invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (swap > 0 && memory == 0) {
            throw EngineException.invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        long nano = hc.path("NanoCpus").asLong(0);
        if (nano > 0 && (hc.path("CpuQuota").asLong(0) > 0 || hc.path("CpuPeriod").asLong(0) > 0)) {
            throw EngineException.invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        if (nano < 0 || nano > (long) cpus * 1_000_000_000L) {
            throw EngineException.invalid("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only " + cpus
                    + " CPUs available");
        }
        if (hc.path("BlkioWeight").asInt(0) > 0 && !blkioWeightSupported()) {
            warnings.add("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.");
        }
        return warnings;
    }

    static boolean blkioWeightSupported() {
        return Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.weight"))
                || Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.bfq.weight"))
                || Files.exists(Path.of("/sys/fs/cgroup/io.weight"));
    }

    /** Docker's default for a memory limit without a swap limit: as much swap as memory. */
    static void defaultSwap(ObjectNode hc) {
        long memory = hc.path("Memory").asLong(0);
        if (memory > 0 && hc.path("MemorySwap").asLong(0) == 0) {
            hc.put("MemorySwap", memory * 2);
        }
    }

    /**
     * Applies an update request's resource fields to a HostConfig, with Docker's checks; returns the new one.
     */
    public static ObjectNode update(JsonNode current, JsonNode request) {
        ObjectNode hc = ((ObjectNode) current).deepCopy();
        for (String f : UPDATABLE) {
            JsonNode v = request.get(f);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isNumber() && v.asLong() == 0 && !f.equals("RestartPolicy")) {
                continue;
            }
            if (v.isTextual() && v.asText().isEmpty()) {
                continue;
            }
            if (f.equals("RestartPolicy") && v.path("Name").asText("").isEmpty()) {
                continue;
            }
            hc.set(f, v.deepCopy());
        }
        long memory = hc.path("Memory").asLong(0);
        long swap = hc.path("MemorySwap").asLong(0);
        boolean swapGiven = request.path("MemorySwap").asLong(0) != 0;
        if (swap > 0 && memory > swap) {
            if (swapGiven || current.path("MemorySwap").asLong(0) > 0) {
                throw EngineException.invalid("Memory limit should be smaller than already set memoryswap limit, "
                        + "update the memoryswap at the same time");
            }
        }
        validate(hc);
        RestartPolicy.of(hc).validate(hc.path("AutoRemove").asBoolean(false));
        return hc;
    }

    /** The OCI {@code linux.resources} for these options. */
    public static ObjectNode toOci(JsonNode hc, boolean privileged) {
        ObjectNode r = F.objectNode();
        ObjectNode device = r.putArray("devices").addObject();
        device.put("allow", privileged);
        device.put("access", "rwm");
        long memory = hc.path("Memory").asLong(0);
        long swap = hc.path("MemorySwap").asLong(0);
        long reservation = hc.path("MemoryReservation").asLong(0);
        if (memory > 0 || reservation > 0) {
            ObjectNode m = r.putObject("memory");
            if (memory > 0) {
                m.put("limit", memory);
                if (swap != 0) {
                    m.put("swap", swap);
                }
            }
            if (reservation > 0) {
                m.put("reservation", reservation);
            }
        }
        ObjectNode cpu = F.objectNode();
        long nano = hc.path("NanoCpus").asLong(0);
        if (nano > 0) {
            cpu.put("period", 100_000);
            cpu.put("quota", nano * 100_000 / 1_000_000_000L);
        } else {
            if (hc.path("CpuPeriod").asLong(0) > 0) {
                cpu.put("period", hc.path("CpuPeriod").asLong());
            }
            if (hc.path("CpuQuota").asLong(0) > 0) {
                cpu.put("quota", hc.path("CpuQuota").asLong());
            }
        }
        if (hc.path("CpuShares").asLong(0) > 0) {
            cpu.put("shares", hc.path("CpuShares").asLong());
        }
        if (!hc.path("CpusetCpus").asText("").isEmpty()) {
            cpu.put("cpus", hc.path("CpusetCpus").asText());
        }
        if (!hc.path("CpusetMems").asText("").isEmpty()) {
            cpu.put("mems", hc.path("CpusetMems").asText());
        }
        if (!cpu.isEmpty()) {
            r.set("cpu", cpu);
        }
        long pids = hc.path("PidsLimit").asLong(0);
        if (pids > 0) {
            r.putObject("pids").put("limit", pids);
        }
        int weight = hc.path("BlkioWeight").asInt(0);
        if (weight > 0 && blkioWeightSupported()) {
            r.putObject("blockIO").put("weight", weight);
        }
        return r;
    }
}
