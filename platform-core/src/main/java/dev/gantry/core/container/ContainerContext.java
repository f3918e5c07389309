package dev.gantry.core.container;

/**
 * What the parts around the lifecycle (exec, file system access, health checks) share with it: the records,
 * the file layout, the per-container locks, the events, the runtimes, the monitor, the volumes and the lifecycle's
 * listeners.
 */
public record ContainerContext(ContainerStore store, ContainerPaths paths, ContainerLocks locks, ContainerEvents events,
                               Runtimes runtimes, Conmon conmon, VolumeProvider volumes, LifecycleListeners listeners) {
}
