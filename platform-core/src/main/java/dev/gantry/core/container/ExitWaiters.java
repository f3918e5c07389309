package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Who waits for a container's next exit or its removal ({@code wait}, {@code stop}, {@code kill}, {@code rm -f}). */
final class ExitWaiters {
    private final Map<String, List<CompletableFuture<Integer>>> exits = new ConcurrentHashMap<>();
    private final Map<String, List<CompletableFuture<Integer>>> removals = new ConcurrentHashMap<>();

    /** Docker's wait conditions: {@code not-running} (the default), {@code next-exit}, {@code removed}. */
    CompletableFuture<Integer> waitFor(Container c, String condition) {
        String cond = condition == null || condition.isEmpty() ? "not-running" : condition;
        return switch (cond) {
            case "not-running" -> !c.status().alive() && c.status() != ContainerStatus.RESTARTING
                    ? CompletableFuture.completedFuture(c.state().exitCode()) : nextExit(c.id());
            case "next-exit" -> nextExit(c.id());
            case "removed" -> add(removals, c.id());
            default -> throw EngineException.invalid("invalid condition: \"" + cond + "\"");
        };
    }

    CompletableFuture<Integer> nextExit(String id) {
        return add(exits, id);
    }

    private static CompletableFuture<Integer> add(Map<String, List<CompletableFuture<Integer>>> waiters, String id) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        waiters.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(f);
        return f;
    }

    void exited(String id, int code) {
        complete(exits.remove(id), code);
    }

    void removed(String id, int code) {
        complete(removals.remove(id), code);
        complete(exits.remove(id), code);
    }

    private static void complete(List<CompletableFuture<Integer>> waiters, int code) {
        if (waiters != null) {
            waiters.forEach(w -> w.complete(code));
        }
    }

    /** Whether the exit came within {@code ms}. */
    static boolean await(CompletableFuture<Integer> f, long ms) {
        try {
            f.get(ms, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
