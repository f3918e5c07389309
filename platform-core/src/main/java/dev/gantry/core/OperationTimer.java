package dev.gantry.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Times operations into one Micrometer timer per kind, tagged with the operation and its outcome. */
public final class OperationTimer {
    /** Work whose duration and outcome are recorded. */
    @FunctionalInterface
    public interface Operation<T, E extends Exception> {
        T run() throws E;
    }

    private final MeterRegistry registry;
    private final String metric;
    private final String description;
    /**
     * The registered timers by "operation outcome": a lookup instead of a builder, tag list and registry search
     * on every operation. A registry keeps a meter once registered, so the cached one is the registry's own.
     */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public OperationTimer(MeterRegistry registry, String metric, String description) {
        this.registry = registry;
        this.metric = metric;
        this.description = description;
    }

    public <T, E extends Exception> T time(String operation, Operation<T, E> work) throws E {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = work.run();
            outcome = "success";
            return result;
        } finally {
            timer(operation, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String operation, String outcome) {
        return timers.computeIfAbsent(operation + ' ' + outcome, k -> Timer.builder(metric).description(description)
                .tag("operation", operation).tag("outcome", outcome).register(registry));
    }
}
