package dev.gantry.core.container;

import dev.gantry.core.container.config.RestartPolicy;

/**
 * What follows a container's exit, decided from its record alone: a restart after Docker's back-off (its
 * policy wants one and nobody stopped it), removal (AutoRemove), or nothing.
 */
record ExitDecision(Action action, long delayMs) {
    enum Action { RESTART, REMOVE, STAY }

    static ExitDecision after(Container exited) {
        if (exited.hostConfig().restartPolicy().restartsAfter(exited.state().exitCode(), exited.restartCount(),
                exited.manuallyStopped())) {
            return new ExitDecision(Action.RESTART, RestartPolicy.delayMs(exited.restartCount() + 1));
        }
        return new ExitDecision(exited.autoRemove() ? Action.REMOVE : Action.STAY, 0);
    }
}
