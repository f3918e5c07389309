package dev.gantry.core.container;

import dev.gantry.spi.runtime.RuntimeStatus;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the engine does at start with one recorded container, from what the runtime and conmon report: the
 * decision alone, so every case can be checked without a kernel.
 *
 * @param exitCode the code to record for {@link Action#EXITED}
 * @param status   the state of a container that still runs ({@link Action#KEEP})
 * @param kill     whether the runtime's container must be killed first (its monitor is gone)
 */
record ReconcileDecision(Action action, int exitCode, ContainerStatus status, boolean kill) {
    enum Action {
        /** nothing to do (a stopped container) */
        NONE,
        /** start it: Docker's {@code always} brings back even a container stopped by hand */
        START,
        /** it still runs under its monitor: keep it, with the state the runtime reports */
        KEEP,
        /** it was between restarts: carry on with the restart */
        RESTART,
        /** it ended meanwhile: record the exit and apply its policy */
        EXITED
    }

    /** The code Docker records when the monitor died with the container and left no exit code. */
    static final int LOST = 255;

    static ReconcileDecision of(Container c, Optional<RuntimeStatus> runtime, boolean monitorAlive, OptionalInt exitFile) {
        if (!c.status().alive()) {
            boolean always = c.status() == ContainerStatus.EXITED && c.hostConfig().restartPolicy().nameOrNo().equals("always");
            return new ReconcileDecision(always ? Action.START : Action.NONE, 0, c.status(), false);
        }
        boolean running = runtime.map(s -> s == RuntimeStatus.RUNNING || s == RuntimeStatus.PAUSED).orElse(false);
        if (exitFile.isPresent()) {
            return new ReconcileDecision(Action.EXITED, exitFile.getAsInt(), ContainerStatus.EXITED, false);
        }
        if (running && monitorAlive) {
            ContainerStatus status = runtime.get() == RuntimeStatus.PAUSED ? ContainerStatus.PAUSED : ContainerStatus.RUNNING;
            return new ReconcileDecision(Action.KEEP, 0, status, false);
        }
        if (c.status() == ContainerStatus.RESTARTING) {
            return new ReconcileDecision(Action.RESTART, 0, ContainerStatus.RESTARTING, false);
        }
        return new ReconcileDecision(Action.EXITED, LOST, ContainerStatus.EXITED, running);
    }
}
