package dev.gantry.core.container.config;

import java.util.List;

/**
 * The resource part of Docker's {@code HostConfig} (its embedded {@code Resources}), which {@code docker update}
 * changes. Sizes are bytes, CPU times microseconds; {@code null} optional values were not given.
 */
public record HostResources(long cpuShares, long memory, long nanoCpus, String cgroupParent, int blkioWeight,
                            List<BlkioDevice> blkioWeightDevice, List<BlkioDevice> blkioDeviceReadBps,
                            List<BlkioDevice> blkioDeviceWriteBps, List<BlkioDevice> blkioDeviceReadIOps,
                            List<BlkioDevice> blkioDeviceWriteIOps, long cpuPeriod, long cpuQuota,
                            long cpuRealtimePeriod, long cpuRealtimeRuntime, String cpusetCpus, String cpusetMems,
                            List<DeviceMapping> devices, List<String> deviceCgroupRules,
                            List<DeviceRequest> deviceRequests, long kernelMemoryTcp, long memoryReservation,
                            long memorySwap, Long memorySwappiness, Boolean oomKillDisable, Long pidsLimit,
                            List<Ulimit> ulimits, long cpuCount, long cpuPercent, long ioMaximumIOps,
                            long ioMaximumBandwidth) {
    public static final HostResources NONE = new HostResources(0, 0, 0, "", 0, null, null, null, null, null, 0, 0, 0,
            0, "", "", null, null, null, 0, 0, 0, null, null, null, null, 0, 0, 0, 0);

    public HostResources {
        cgroupParent = Values.text(cgroupParent);
        blkioWeightDevice = Values.list(blkioWeightDevice);
        blkioDeviceReadBps = Values.list(blkioDeviceReadBps);
        blkioDeviceWriteBps = Values.list(blkioDeviceWriteBps);
        blkioDeviceReadIOps = Values.list(blkioDeviceReadIOps);
        blkioDeviceWriteIOps = Values.list(blkioDeviceWriteIOps);
        cpusetCpus = Values.text(cpusetCpus);
        cpusetMems = Values.text(cpusetMems);
        devices = Values.list(devices);
        deviceCgroupRules = Values.list(deviceCgroupRules);
        deviceRequests = Values.list(deviceRequests);
        ulimits = Values.list(ulimits);
    }

    public List<Ulimit> ulimitsOrEmpty() {
        return Values.orEmpty(ulimits);
    }

    /** The pids limit, 0 when none. */
    public long pidsLimitOrZero() {
        return pidsLimit == null ? 0 : pidsLimit;
    }

    /** The values {@code docker update} may change, taken from {@code u} where it gives them. */
    public HostResources updatedBy(Update u) {
        return new HostResources(pick(u.cpuShares(), cpuShares), pick(u.memory(), memory), pick(u.nanoCpus(), nanoCpus),
                cgroupParent, (int) pick(u.blkioWeight(), blkioWeight), blkioWeightDevice, blkioDeviceReadBps,
                blkioDeviceWriteBps, blkioDeviceReadIOps, blkioDeviceWriteIOps, pick(u.cpuPeriod(), cpuPeriod),
                pick(u.cpuQuota(), cpuQuota), cpuRealtimePeriod, cpuRealtimeRuntime,
                u.cpusetCpus() == null || u.cpusetCpus().isEmpty() ? cpusetCpus : u.cpusetCpus(),
                u.cpusetMems() == null || u.cpusetMems().isEmpty() ? cpusetMems : u.cpusetMems(), devices,
                deviceCgroupRules, deviceRequests, kernelMemoryTcp, pick(u.memoryReservation(), memoryReservation),
                pick(u.memorySwap(), memorySwap), memorySwappiness, oomKillDisable,
                u.pidsLimit() == null || u.pidsLimit() == 0 ? pidsLimit : u.pidsLimit(), ulimits, cpuCount,
                cpuPercent, ioMaximumIOps, ioMaximumBandwidth);
    }

    public HostResources withMemorySwap(long swap) {
        return new HostResources(cpuShares, memory, nanoCpus, cgroupParent, blkioWeight, blkioWeightDevice,
                blkioDeviceReadBps, blkioDeviceWriteBps, blkioDeviceReadIOps, blkioDeviceWriteIOps, cpuPeriod, cpuQuota,
                cpuRealtimePeriod, cpuRealtimeRuntime, cpusetCpus, cpusetMems, devices, deviceCgroupRules,
                deviceRequests, kernelMemoryTcp, memoryReservation, swap, memorySwappiness, oomKillDisable, pidsLimit,
                ulimits, cpuCount, cpuPercent, ioMaximumIOps, ioMaximumBandwidth);
    }

    private static long pick(Long given, long current) {
        return given == null || given == 0 ? current : given;
    }

    /**
     * What a {@code docker update} asks for: {@code null} or 0 (or {@code ""}) is not asked, as dockerd reads it.
     */
    public record Update(Long cpuShares, Long memory, Long nanoCpus, Long blkioWeight, Long cpuPeriod, Long cpuQuota,
                         String cpusetCpus, String cpusetMems, Long memoryReservation, Long memorySwap,
                         Long pidsLimit, RestartPolicy restartPolicy) {
        public boolean swapGiven() {
            return memorySwap != null && memorySwap != 0;
        }
    }
}
