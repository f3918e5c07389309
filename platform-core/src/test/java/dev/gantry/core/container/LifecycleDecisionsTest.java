package dev.gantry.core.container;

import dev.gantry.core.container.store.HostConfigDocument;
import dev.gantry.core.container.config.ContainerConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.spi.runtime.RuntimeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The lifecycle's decisions without a kernel: what follows an exit, and what reconciliation does at start. */
class LifecycleDecisionsTest {
    private static Container container(String policy, int maxRetries, boolean autoRemove, ContainerState state,
                                       int restarts, boolean manuallyStopped) {
        ObjectNode hc = ContainerStore.JSON.createObjectNode();
        hc.putObject("RestartPolicy").put("Name", policy).put("MaximumRetryCount", maxRetries);
        hc.put("AutoRemove", autoRemove);
        return new Container("a".repeat(64), "c", Instant.now(), "", ContainerConfig.empty(), HostConfigDocument.read(hc), "runc",
                "container/x", List.of(), state, restarts, manuallyStopped, 1, java.util.Map.of());
    }

    private static ContainerState exitedWith(int code) {
        return ContainerState.created().running(10, 11, Instant.now()).exited(code, Instant.now(), false);
    }

    private static ContainerState status(ContainerStatus s) {
        return ContainerState.created().running(10, 11, Instant.now()).withStatus(s);
    }

    @Test
    void backOffDoublesFromAHundredMillisecondsUpToAMinute() {
        assertEquals(100, ExitDecision.after(container("always", 0, false, exitedWith(0), 0, false)).delayMs());
        assertEquals(200, ExitDecision.after(container("always", 0, false, exitedWith(0), 1, false)).delayMs());
        assertEquals(400, ExitDecision.after(container("always", 0, false, exitedWith(0), 2, false)).delayMs());
        assertEquals(60_000, ExitDecision.after(container("always", 0, false, exitedWith(0), 40, false)).delayMs());
    }

    @Test
    void policiesDecideTheRestart() {
        assertEquals(ExitDecision.Action.RESTART, ExitDecision.after(container("unless-stopped", 0, false, exitedWith(0), 0, false)).action());
        assertEquals(ExitDecision.Action.STAY, ExitDecision.after(container("no", 0, false, exitedWith(1), 0, false)).action());
        assertEquals(ExitDecision.Action.STAY, ExitDecision.after(container("", 0, false, exitedWith(1), 0, false)).action());
        // on-failure: only non-zero codes, and only up to the maximum
        assertEquals(ExitDecision.Action.STAY, ExitDecision.after(container("on-failure", 0, false, exitedWith(0), 0, false)).action());
        assertEquals(ExitDecision.Action.RESTART, ExitDecision.after(container("on-failure", 2, false, exitedWith(3), 1, false)).action());
        assertEquals(ExitDecision.Action.STAY, ExitDecision.after(container("on-failure", 2, false, exitedWith(3), 2, false)).action());
        assertEquals(ExitDecision.Action.RESTART, ExitDecision.after(container("on-failure", 0, false, exitedWith(3), 50, false)).action());
    }

    @Test
    void aContainerStoppedByHandStaysDown() {
        assertEquals(ExitDecision.Action.STAY, ExitDecision.after(container("always", 0, false, exitedWith(137), 0, true)).action());
    }

    @Test
    void autoRemoveRemovesWhenNoRestartFollows() {
        assertEquals(ExitDecision.Action.REMOVE, ExitDecision.after(container("no", 0, true, exitedWith(0), 0, false)).action());
        assertEquals(ExitDecision.Action.REMOVE, ExitDecision.after(container("no", 0, true, exitedWith(0), 0, true)).action());
    }

    @Test
    void stoppedContainersStayExceptAlways() {
        var always = ReconcileDecision.of(container("always", 0, false, exitedWith(0), 0, true), Optional.empty(), false, OptionalInt.empty());
        assertEquals(ReconcileDecision.Action.START, always.action());
        var unless = ReconcileDecision.of(container("unless-stopped", 0, false, exitedWith(0), 0, true), Optional.empty(), false, OptionalInt.empty());
        assertEquals(ReconcileDecision.Action.NONE, unless.action());
        var created = ReconcileDecision.of(container("always", 0, false, ContainerState.created(), 0, false), Optional.empty(), false, OptionalInt.empty());
        assertEquals(ReconcileDecision.Action.NONE, created.action());
    }

    @Test
    void anExitFileWins() {
        var d = ReconcileDecision.of(container("no", 0, false, status(ContainerStatus.RUNNING), 0, false),
                Optional.of(RuntimeStatus.STOPPED), false, OptionalInt.of(3));
        assertEquals(ReconcileDecision.Action.EXITED, d.action());
        assertEquals(3, d.exitCode());
        assertFalse(d.kill());
    }

    @Test
    void aRunningContainerWithItsMonitorIsKeptWithTheRuntimesState() {
        var running = ReconcileDecision.of(container("no", 0, false, status(ContainerStatus.RUNNING), 0, false),
                Optional.of(RuntimeStatus.RUNNING), true, OptionalInt.empty());
        assertEquals(ReconcileDecision.Action.KEEP, running.action());
        assertEquals(ContainerStatus.RUNNING, running.status());
        var paused = ReconcileDecision.of(container("no", 0, false, status(ContainerStatus.RUNNING), 0, false),
                Optional.of(RuntimeStatus.PAUSED), true, OptionalInt.empty());
        assertEquals(ContainerStatus.PAUSED, paused.status());
    }

    @Test
    void aContainerWhoseMonitorDiedIsKilledAndRecorded255() {
        var d = ReconcileDecision.of(container("no", 0, false, status(ContainerStatus.RUNNING), 0, false),
                Optional.of(RuntimeStatus.RUNNING), false, OptionalInt.empty());
        assertEquals(ReconcileDecision.Action.EXITED, d.action());
        assertEquals(255, d.exitCode());
        assertTrue(d.kill());
        var gone = ReconcileDecision.of(container("no", 0, false, status(ContainerStatus.RUNNING), 0, false),
                Optional.empty(), false, OptionalInt.empty());
        assertEquals(255, gone.exitCode());
        assertFalse(gone.kill());
    }

    @Test
    void aRestartInterruptedByTheEngineCarriesOn() {
        var d = ReconcileDecision.of(container("always", 0, false, status(ContainerStatus.RESTARTING), 1, false),
                Optional.empty(), false, OptionalInt.empty());
        assertEquals(ReconcileDecision.Action.RESTART, d.action());
    }

    @Test
    void startFailuresAreClassifiedOnce() {
        assertEquals(Conmon.StartFailure.Cause.NOT_FOUND,
                Conmon.StartFailure.Cause.of("exec: \"nope\": executable file not found in $PATH"));
        assertEquals(Conmon.StartFailure.Cause.NOT_EXECUTABLE, Conmon.StartFailure.Cause.of("exec: \"/etc\": permission denied"));
        assertEquals(126, Conmon.StartFailure.Cause.NOT_EXECUTABLE.exitCode);
        assertEquals(Conmon.StartFailure.Cause.RUNTIME, Conmon.StartFailure.Cause.of("cgroup: no space left"));
        assertFalse(Conmon.StartFailure.Cause.RUNTIME.clientError);
    }
}
