package dev.gantry.core.container.config;

import java.util.List;
import java.util.Map;

/**
 * How a container runs on the host, Docker's {@code HostConfig}, with the defaults the engine fills in at create.
 * A {@code null} collection or optional value is one nobody gave (inspect shows {@code null} or leaves it out, as
 * dockerd does); an empty one was given empty.
 *
 * @param portBindings {@code port/proto} to the host addresses asked for
 * @param consoleSize  height and width
 * @param tmpfs        mount path to its options
 * @param init         {@code null} when not asked either way
 */
public record HostConfig(List<String> binds, String containerIdFile, LogConfig logConfig, String networkMode,
                         Map<String, List<PortBinding>> portBindings, RestartPolicy restartPolicy, boolean autoRemove,
                         String volumeDriver, List<String> volumesFrom, List<Integer> consoleSize,
                         Map<String, String> annotations, List<String> capAdd, List<String> capDrop,
                         String cgroupnsMode, List<String> dns, List<String> dnsOptions, List<String> dnsSearch,
                         List<String> extraHosts, List<String> groupAdd, String ipcMode, String cgroup,
                         List<String> links, int oomScoreAdj, String pidMode, boolean privileged,
                         boolean publishAllPorts, boolean readonlyRootfs, List<String> securityOpt,
                         Map<String, String> storageOpt, Map<String, String> tmpfs, String utsMode, String usernsMode,
                         long shmSize, Map<String, String> sysctls, String runtime, String isolation,
                         HostResources resources, List<MountSpec> mounts, List<String> maskedPaths,
                         List<String> readonlyPaths, Boolean init) {
    public HostConfig {
        binds = Values.list(binds);
        containerIdFile = Values.text(containerIdFile);
        logConfig = logConfig == null ? LogConfig.DEFAULT : logConfig;
        networkMode = Values.text(networkMode);
        portBindings = Values.map(portBindings);
        restartPolicy = restartPolicy == null ? RestartPolicy.NO : restartPolicy;
        volumeDriver = Values.text(volumeDriver);
        volumesFrom = Values.list(volumesFrom);
        consoleSize = consoleSize == null ? List.of(0, 0) : List.copyOf(consoleSize);
        annotations = Values.map(annotations);
        capAdd = Values.list(capAdd);
        capDrop = Values.list(capDrop);
        cgroupnsMode = Values.text(cgroupnsMode);
        dns = Values.list(dns);
        dnsOptions = Values.list(dnsOptions);
        dnsSearch = Values.list(dnsSearch);
        extraHosts = Values.list(extraHosts);
        groupAdd = Values.list(groupAdd);
        ipcMode = Values.text(ipcMode);
        cgroup = Values.text(cgroup);
        links = Values.list(links);
        pidMode = Values.text(pidMode);
        securityOpt = Values.list(securityOpt);
        storageOpt = Values.map(storageOpt);
        tmpfs = Values.map(tmpfs);
        utsMode = Values.text(utsMode);
        usernsMode = Values.text(usernsMode);
        sysctls = Values.map(sysctls);
        runtime = Values.text(runtime);
        isolation = Values.text(isolation);
        resources = resources == null ? HostResources.NONE : resources;
        mounts = Values.list(mounts);
        maskedPaths = Values.list(maskedPaths);
        readonlyPaths = Values.list(readonlyPaths);
    }

    /** A host config with nothing given. */
    public static HostConfig empty() {
        return new HostConfig(null, "", null, "", null, null, false, "", null, null, null, null, null, "", null, null,
                null, null, null, "", "", null, 0, "", false, false, false, null, null, null, "", "", 0, null, "", "",
                null, null, null, null, null);
    }

    public boolean initOrFalse() {
        return init != null && init;
    }

    public List<String> bindsOrEmpty() {
        return Values.orEmpty(binds);
    }

    public List<String> capAddOrEmpty() {
        return Values.orEmpty(capAdd);
    }

    public List<String> capDropOrEmpty() {
        return Values.orEmpty(capDrop);
    }

    public List<String> dnsOrEmpty() {
        return Values.orEmpty(dns);
    }

    public List<String> dnsOptionsOrEmpty() {
        return Values.orEmpty(dnsOptions);
    }

    public List<String> dnsSearchOrEmpty() {
        return Values.orEmpty(dnsSearch);
    }

    public List<String> extraHostsOrEmpty() {
        return Values.orEmpty(extraHosts);
    }

    public List<String> groupAddOrEmpty() {
        return Values.orEmpty(groupAdd);
    }

    public List<String> linksOrEmpty() {
        return Values.orEmpty(links);
    }

    public List<String> securityOptOrEmpty() {
        return Values.orEmpty(securityOpt);
    }

    public List<MountSpec> mountsOrEmpty() {
        return Values.orEmpty(mounts);
    }

    public Map<String, String> tmpfsOrEmpty() {
        return tmpfs == null ? Map.of() : tmpfs;
    }

    public Map<String, String> sysctlsOrEmpty() {
        return sysctls == null ? Map.of() : sysctls;
    }

    public Map<String, List<PortBinding>> portBindingsOrEmpty() {
        return portBindings == null ? Map.of() : portBindings;
    }

    public HostConfig withRuntime(String v) {
        return new HostConfig(binds, containerIdFile, logConfig, networkMode, portBindings, restartPolicy,
                autoRemove, volumeDriver, volumesFrom, consoleSize, annotations, capAdd, capDrop, cgroupnsMode, dns,
                dnsOptions, dnsSearch, extraHosts, groupAdd, ipcMode, cgroup, links, oomScoreAdj, pidMode,
                privileged, publishAllPorts, readonlyRootfs, securityOpt, storageOpt, tmpfs, utsMode, usernsMode,
                shmSize, sysctls, v, isolation, resources, mounts, maskedPaths, readonlyPaths, init);
    }

    public HostConfig withResources(HostResources v) {
        return new HostConfig(binds, containerIdFile, logConfig, networkMode, portBindings, restartPolicy,
                autoRemove, volumeDriver, volumesFrom, consoleSize, annotations, capAdd, capDrop, cgroupnsMode, dns,
                dnsOptions, dnsSearch, extraHosts, groupAdd, ipcMode, cgroup, links, oomScoreAdj, pidMode,
                privileged, publishAllPorts, readonlyRootfs, securityOpt, storageOpt, tmpfs, utsMode, usernsMode,
                shmSize, sysctls, runtime, isolation, v, mounts, maskedPaths, readonlyPaths, init);
    }

    public HostConfig withRestartPolicy(RestartPolicy v) {
        return new HostConfig(binds, containerIdFile, logConfig, networkMode, portBindings, v, autoRemove,
                volumeDriver, volumesFrom, consoleSize, annotations, capAdd, capDrop, cgroupnsMode, dns, dnsOptions,
                dnsSearch, extraHosts, groupAdd, ipcMode, cgroup, links, oomScoreAdj, pidMode, privileged,
                publishAllPorts, readonlyRootfs, securityOpt, storageOpt, tmpfs, utsMode, usernsMode, shmSize,
                sysctls, runtime, isolation, resources, mounts, maskedPaths, readonlyPaths, init);
    }

    public HostConfig withLinks(List<String> v) {
        return new HostConfig(binds, containerIdFile, logConfig, networkMode, portBindings, restartPolicy,
                autoRemove, volumeDriver, volumesFrom, consoleSize, annotations, capAdd, capDrop, cgroupnsMode, dns,
                dnsOptions, dnsSearch, extraHosts, groupAdd, ipcMode, cgroup, v, oomScoreAdj, pidMode, privileged,
                publishAllPorts, readonlyRootfs, securityOpt, storageOpt, tmpfs, utsMode, usernsMode, shmSize,
                sysctls, runtime, isolation, resources, mounts, maskedPaths, readonlyPaths, init);
    }

    public HostConfig withExtraHosts(List<String> v) {
        return new HostConfig(binds, containerIdFile, logConfig, networkMode, portBindings, restartPolicy,
                autoRemove, volumeDriver, volumesFrom, consoleSize, annotations, capAdd, capDrop, cgroupnsMode, dns,
                dnsOptions, dnsSearch, v, groupAdd, ipcMode, cgroup, links, oomScoreAdj, pidMode, privileged,
                publishAllPorts, readonlyRootfs, securityOpt, storageOpt, tmpfs, utsMode, usernsMode, shmSize,
                sysctls, runtime, isolation, resources, mounts, maskedPaths, readonlyPaths, init);
    }

    public HostConfig withNetworkMode(String v) {
        return new HostConfig(binds, containerIdFile, logConfig, v, portBindings, restartPolicy, autoRemove,
                volumeDriver, volumesFrom, consoleSize, annotations, capAdd, capDrop, cgroupnsMode, dns, dnsOptions,
                dnsSearch, extraHosts, groupAdd, ipcMode, cgroup, links, oomScoreAdj, pidMode, privileged,
                publishAllPorts, readonlyRootfs, securityOpt, storageOpt, tmpfs, utsMode, usernsMode, shmSize,
                sysctls, runtime, isolation, resources, mounts, maskedPaths, readonlyPaths, init);
    }

    public HostConfig withLogConfig(LogConfig v) {
        return new HostConfig(binds, containerIdFile, v, networkMode, portBindings, restartPolicy, autoRemove,
                volumeDriver, volumesFrom, consoleSize, annotations, capAdd, capDrop, cgroupnsMode, dns, dnsOptions,
                dnsSearch, extraHosts, groupAdd, ipcMode, cgroup, links, oomScoreAdj, pidMode, privileged,
                publishAllPorts, readonlyRootfs, securityOpt, storageOpt, tmpfs, utsMode, usernsMode, shmSize,
                sysctls, runtime, isolation, resources, mounts, maskedPaths, readonlyPaths, init);
    }

    public HostConfig withShmSize(long v) {
        return new HostConfig(binds, containerIdFile, logConfig, networkMode, portBindings, restartPolicy,
                autoRemove, volumeDriver, volumesFrom, consoleSize, annotations, capAdd, capDrop, cgroupnsMode, dns,
                dnsOptions, dnsSearch, extraHosts, groupAdd, ipcMode, cgroup, links, oomScoreAdj, pidMode,
                privileged, publishAllPorts, readonlyRootfs, securityOpt, storageOpt, tmpfs, utsMode, usernsMode, v,
                sysctls, runtime, isolation, resources, mounts, maskedPaths, readonlyPaths, init);
    }
}
