package dev.gantry.core.container;

import dev.gantry.core.container.store.HostConfigDocument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.container.config.RestartPolicy;
import dev.gantry.core.layer.FileTrees;
import dev.gantry.core.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exit handling as a state machine, against a real store and a recorded run: what an exit records, who is told,
 * and what follows (a restart after the back-off, AutoRemove, nothing), including a stop while a restart waits.
 */
class ExitHandlerTest {
    private static final long GENEROUS_MS = 30_000;

    private Path root;
    private StateStore state;
    private ContainerStore store;
    private ContainerPaths paths;
    private final ExitWaiters waiters = new ExitWaiters();
    private final Runs runs = new Runs();
    private final List<String> exitedSeen = new CopyOnWriteArrayList<>();
    private final List<String> removed = new CopyOnWriteArrayList<>();
    private ExitHandler exits;

    /** The run as exit handling sees it: cleanups and starts recorded, a start that may be told to fail. */
    private static final class Runs implements RunControl {
        final BlockingQueue<Container> started = new LinkedBlockingQueue<>();
        final List<String> cleaned = new CopyOnWriteArrayList<>();
        volatile boolean failStarts;

        @Override
        public void start(Container c) {
            if (failStarts) {
                throw new IllegalStateException("runtime says no");
            }
            started.add(c);
        }

        @Override
        public void cleanup(Container c) {
            cleaned.add(c.id());
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("gantry-exits-");
        state = StateStore.open(root);
        store = new ContainerStore(state);
        paths = new ContainerPaths(root.resolve("data"), root.resolve("run"));
        LifecycleListener listener = new LifecycleListener() {
            @Override
            public void exited(Container c) {
                exitedSeen.add(c.id() + ":" + c.state().exitCode());
            }
        };
        exits = new ExitHandler(store, new ContainerLocks(), paths, runs, waiters, listener, removed::add);
    }

    @AfterEach
    void tearDown() throws Exception {
        exits.close();
        state.close();
        FileTrees.deleteQuietly(root);
    }

    private Container running(String idChar, String policy, int maxRetries, boolean autoRemove) {
        ObjectNode hc = ContainerStore.JSON.createObjectNode();
        hc.putObject("RestartPolicy").put("Name", policy).put("MaximumRetryCount", maxRetries);
        hc.put("AutoRemove", autoRemove);
        Container c = new Container(idChar.repeat(64), "c-" + idChar, Instant.now(), "", dev.gantry.core.container.config.ContainerConfig.empty(),
                HostConfigDocument.read(hc), "runc", "container/" + idChar, List.of(), ContainerState.created().running(10, 11, Instant.now()),
                0, false, 1, java.util.Map.of());
        store.add(c);
        return c;
    }

    private Container now(Container c) {
        return store.get(c.id()).orElseThrow();
    }

    @Test
    void anExitIsRecordedTheRunTakenDownAndEveryoneTold() throws Exception {
        Container c = running("a", "no", 0, false);
        CompletableFuture<Integer> waiting = waiters.nextExit(c.id());
        exits.exited(c.id(), 3);
        Container after = now(c);
        assertEquals(ContainerStatus.EXITED, after.status());
        assertEquals(3, after.state().exitCode());
        assertFalse(after.state().oomKilled());
        assertEquals(List.of(c.id()), runs.cleaned);
        assertEquals(List.of(c.id() + ":3"), exitedSeen);
        assertEquals(3, waiting.get(GENEROUS_MS, TimeUnit.MILLISECONDS));
        assertTrue(removed.isEmpty());
        assertEquals(0, after.restartCount());
    }

    @Test
    void aSecondReportOfTheSameExitChangesNothing() {
        Container c = running("b", "no", 0, false);
        exits.exited(c.id(), 1);
        Container first = now(c);
        exits.exited(c.id(), 2);
        assertEquals(first, now(c), "a container that is not alive has no exit to record");
        assertEquals(1, runs.cleaned.size());
        assertEquals(1, exitedSeen.size());
    }

    @Test
    void anExitOfAContainerNoLongerKnownIsIgnored() {
        exits.exited("f".repeat(64), 0);
        assertTrue(runs.cleaned.isEmpty());
        assertTrue(exitedSeen.isEmpty());
    }

    @Test
    void theKernelsOomMarkIsRecorded() throws Exception {
        Container c = running("c", "no", 0, false);
        Files.createDirectories(paths.bundle(c.id()));
        Files.writeString(paths.bundle(c.id()).resolve("oom"), "");
        exits.exited(c.id(), 137);
        assertTrue(now(c).state().oomKilled());
        assertEquals(137, now(c).state().exitCode());
    }

    @Test
    void aRestartPolicyMakesItRestartingAndStartsItAfterTheBackOff() throws Exception {
        Container c = running("d", "always", 0, false);
        exits.exited(c.id(), 0);
        Container waiting = now(c);
        assertEquals(ContainerStatus.RESTARTING, waiting.status());
        assertEquals(1, waiting.restartCount());
        Container started = runs.started.poll(GENEROUS_MS, TimeUnit.MILLISECONDS);
        assertTrue(started != null, "the restart came");
        assertEquals(c.id(), started.id());
        // the run starts from a stopped state, as docker start does
        assertEquals(ContainerStatus.EXITED, started.status());
        assertEquals(1, started.restartCount());
    }

    @Test
    void onFailureStopsRestartingAtItsMaximum() throws Exception {
        Container c = running("e", "on-failure", 1, false);
        exits.exited(c.id(), 2);
        assertEquals(ContainerStatus.RESTARTING, now(c).status());
        assertTrue(runs.started.poll(GENEROUS_MS, TimeUnit.MILLISECONDS) != null);
        // the restarted run (restart count 1, the maximum) fails again: it stays down
        store.update(now(c).withState(now(c).state().running(20, 21, Instant.now())));
        exits.exited(c.id(), 2);
        assertEquals(ContainerStatus.EXITED, now(c).status());
        assertEquals(1, now(c).restartCount());
        assertEquals(null, runs.started.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void aStopWhileARestartWaitsKeepsItDown() throws Exception {
        Container c = running("1", "always", 0, false);
        // five restarts already: the next waits 3.2 s, time enough to stop it first
        store.update(now(c).withRestartCount(5));
        exits.exited(c.id(), 0);
        assertEquals(ContainerStatus.RESTARTING, now(c).status());
        exits.endRestarting(c.id());
        Container stopped = now(c);
        assertEquals(ContainerStatus.EXITED, stopped.status());
        assertTrue(stopped.manuallyStopped());
        assertEquals(null, runs.started.poll(dev.gantry.core.container.config.RestartPolicy.delayMs(6) + 2_000, TimeUnit.MILLISECONDS),
                "the pending restart found the container stopped and left it");
    }

    @Test
    void aSecondExitReportWhileARestartWaitsCountsNoRestart() throws Exception {
        Container c = running("6", "always", 0, false);
        // five restarts already: the next waits 3.2 s, while the same exit is reported again
        store.update(now(c).withRestartCount(5));
        exits.exited(c.id(), 0);
        Container waiting = now(c);
        exits.exited(c.id(), 0);
        assertEquals(waiting, now(c), "a container waiting to restart has no process whose exit could be recorded");
        assertEquals(6, now(c).restartCount());
        assertEquals(1, runs.cleaned.size());
        assertEquals(1, exitedSeen.size());
        Container started = runs.started.poll(RestartPolicy.delayMs(6) + GENEROUS_MS, TimeUnit.MILLISECONDS);
        assertTrue(started != null, "the one restart came");
        assertEquals(6, started.restartCount());
        assertEquals(null, runs.started.poll(RestartPolicy.delayMs(7) + 1_000, TimeUnit.MILLISECONDS),
                "no second restart was scheduled");
    }

    @Test
    void aRestartDecidedAfterTheContainerChangedLeavesTheNewState() throws Exception {
        Container c = running("7", "always", 0, false);
        // the listener told of the exit starts the container again (as a user's docker start may, in between)
        ExitHandler racing = new ExitHandler(store, new ContainerLocks(), paths, runs, waiters, new LifecycleListener() {
            @Override
            public void exited(Container gone) {
                store.update(gone.withState(gone.state().running(30, 31, Instant.now())));
            }
        }, removed::add);
        try (racing) {
            racing.exited(c.id(), 0);
            assertEquals(ContainerStatus.RUNNING, now(c).status(), "the run started meanwhile is not overwritten");
            assertEquals(0, now(c).restartCount());
            assertEquals(null, runs.started.poll(RestartPolicy.delayMs(1) + 1_000, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void endRestartingLeavesAContainerThatIsNotRestarting() {
        Container c = running("2", "no", 0, false);
        exits.endRestarting(c.id());
        assertEquals(ContainerStatus.RUNNING, now(c).status());
        assertFalse(now(c).manuallyStopped());
    }

    @Test
    void aRestartThatFailsLeavesItExited() throws Exception {
        runs.failStarts = true;
        Container c = running("3", "always", 0, false);
        exits.exited(c.id(), 0);
        long deadline = System.currentTimeMillis() + GENEROUS_MS;
        while (now(c).status() == ContainerStatus.RESTARTING && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(ContainerStatus.EXITED, now(c).status());
    }

    @Test
    void autoRemoveRemovesWhenNoRestartFollows() {
        Container c = running("4", "no", 0, true);
        exits.exited(c.id(), 0);
        assertEquals(List.of(c.id()), removed);
    }

    @Test
    void autoRemoveThatFindsItGoneIsNoError() {
        ExitHandler failing = new ExitHandler(store, new ContainerLocks(), paths, runs, waiters, new LifecycleListener() {
        }, id -> {
            throw new IllegalStateException("no such container");
        });
        try (failing) {
            Container c = running("5", "no", 0, true);
            failing.exited(c.id(), 0);
            assertEquals(ContainerStatus.EXITED, now(c).status());
        }
    }
}
