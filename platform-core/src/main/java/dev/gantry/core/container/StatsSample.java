package dev.gantry.core.container;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One reading of a container's resource use ({@code docker stats}); what is not known is {@code null}: the
 * counters of a container that is not running, the per-CPU usage and peak memory on cgroup v2.
 *
 * @param pidsLimit 0 when there is none
 * @param networks  interface name to its counters, loopback left out
 */
public record StatsSample(Instant read, String id, String name, Long pidsCurrent, long pidsLimit,
                          List<BlkioEntry> ioServiceBytes, Cpu cpu, Memory memory, Map<String, NetworkIo> networks) {
    /** Nanoseconds of CPU time: the container's, per CPU (v1), in user and kernel mode; the host's. */
    public record Cpu(long totalUsage, List<Long> perCpu, long userMode, long kernelMode, long systemUsage,
                      int onlineCpus) {
    }

    /** Bytes; {@code stats} are the cgroup's own counters by name. */
    public record Memory(long usage, Long maxUsage, long limit, Map<String, Long> stats) {
    }

    public record BlkioEntry(long major, long minor, String op, long value) {
    }

    public record NetworkIo(long rxBytes, long rxPackets, long rxErrors, long rxDropped, long txBytes, long txPackets,
                            long txErrors, long txDropped) {
    }
}
