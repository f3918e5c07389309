package dev.gantry.core.container;

import java.time.Instant;
import java.util.Optional;

/**
 * The runtime side of a container as inspect shows it. Immutable: every transition makes a new one, so a reader
 * never sees half of a change.
 *
 * @param pid        the init process's host pid while alive, else 0
 * @param monitorPid conmon's pid while alive, else 0
 * @param error      why the last start failed, else empty
 * @param health     the health check's view, when the container has one
 */
public record ContainerState(ContainerStatus status, long pid, long monitorPid, int exitCode, String error,
                             Instant startedAt, Instant finishedAt, boolean oomKilled, Health health) {
    public static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

    public static ContainerState created() {
        return new ContainerState(ContainerStatus.CREATED, 0, 0, 0, "", NEVER, NEVER, false, null);
    }

    public ContainerState running(long pid, long monitorPid, Instant at) {
        return new ContainerState(ContainerStatus.RUNNING, pid, monitorPid, 0, "", at, NEVER, false,
                health == null ? null : Health.starting());
    }

    public ContainerState exited(int code, Instant at, boolean oom) {
        return new ContainerState(ContainerStatus.EXITED, 0, 0, code, error, startedAt, at, oom,
                health == null ? null : health.stopped());
    }

    public ContainerState failedToStart(String why, int code) {
        return new ContainerState(ContainerStatus.CREATED.equals(status) ? ContainerStatus.CREATED : ContainerStatus.EXITED,
                0, 0, code, why, startedAt, Instant.now(), false, health);
    }

    public ContainerState withStatus(ContainerStatus s) {
        return new ContainerState(s, pid, monitorPid, exitCode, error, startedAt, finishedAt, oomKilled, health);
    }

    public ContainerState withHealth(Health h) {
        return new ContainerState(status, pid, monitorPid, exitCode, error, startedAt, finishedAt, oomKilled, h);
    }

    public Optional<Health> healthView() {
        return Optional.ofNullable(health);
    }
}
