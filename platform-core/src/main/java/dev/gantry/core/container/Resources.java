package dev.gantry.core.container;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.config.HostConfig;
import dev.gantry.core.container.config.HostResources;
import dev.gantry.core.container.config.RestartPolicy;
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

    private Resources() {
    }

    /** Checks the values and returns the warnings Docker would give for what the host ignores. */
    public static List<String> validate(HostConfig hc) {
        HostResources r = hc.resources();
        List<String> warnings = new ArrayList<>();
        long memory = r.memory();
        if (memory > 0 && memory < MIN_MEMORY) {
            throw EngineException.invalid("Minimum memory limit allowed is 6MB");
        }
        long swap = r.memorySwap();
        if (swap > 0 && memory > 0 && swap < memory) {
            throw EngineException.invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (swap > 0 && memory == 0) {
            throw EngineException.invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        long nano = r.nanoCpus();
        if (nano > 0 && (r.cpuQuota() > 0 || r.cpuPeriod() > 0)) {
            throw EngineException.invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        if (nano < 0 || nano > (long) cpus * 1_000_000_000L) {
            throw EngineException.invalid("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only " + cpus
                    + " CPUs available");
        }
        if (r.blkioWeight() > 0 && !blkioWeightSupported()) {
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
    static HostResources defaultSwap(HostResources r) {
        return r.memory() > 0 && r.memorySwap() == 0 ? r.withMemorySwap(r.memory() * 2) : r;
    }

    /**
     * Applies an update request's resource fields to a HostConfig, with Docker's checks; returns the new one.
     */
    public static HostConfig update(HostConfig current, HostResources.Update request) {
        HostConfig hc = current.withResources(current.resources().updatedBy(request));
        RestartPolicy asked = request.restartPolicy();
        if (asked != null && !asked.name().isEmpty()) {
            hc = hc.withRestartPolicy(asked);
        }
        long memory = hc.resources().memory();
        long swap = hc.resources().memorySwap();
        if (swap > 0 && memory > swap) {
            if (request.swapGiven() || current.resources().memorySwap() > 0) {
                throw EngineException.invalid("Memory limit should be smaller than already set memoryswap limit, "
                        + "update the memoryswap at the same time");
            }
        }
        validate(hc);
        hc.restartPolicy().validate(hc.autoRemove());
        return hc;
    }

    /** The OCI {@code linux.resources} for these options. */
    public static ObjectNode toOci(HostConfig hc, boolean privileged) {
        HostResources res = hc.resources();
        ObjectNode r = F.objectNode();
        ObjectNode device = r.putArray("devices").addObject();
        device.put("allow", privileged);
        device.put("access", "rwm");
        long memory = res.memory();
        long swap = res.memorySwap();
        long reservation = res.memoryReservation();
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
        long nano = res.nanoCpus();
        if (nano > 0) {
            cpu.put("period", 100_000);
            cpu.put("quota", nano * 100_000 / 1_000_000_000L);
        } else {
            if (res.cpuPeriod() > 0) {
                cpu.put("period", res.cpuPeriod());
            }
            if (res.cpuQuota() > 0) {
                cpu.put("quota", res.cpuQuota());
            }
        }
        if (res.cpuShares() > 0) {
            cpu.put("shares", res.cpuShares());
        }
        if (!res.cpusetCpus().isEmpty()) {
            cpu.put("cpus", res.cpusetCpus());
        }
        if (!res.cpusetMems().isEmpty()) {
            cpu.put("mems", res.cpusetMems());
        }
        if (!cpu.isEmpty()) {
            r.set("cpu", cpu);
        }
        long pids = res.pidsLimitOrZero();
        if (pids > 0) {
            r.putObject("pids").put("limit", pids);
        }
        int weight = res.blkioWeight();
        if (weight > 0 && blkioWeightSupported()) {
            r.putObject("blockIO").put("weight", weight);
        }
        return r;
    }
}
