package dev.gantry.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
            Timer.builder(metric).description(description).tag("operation", operation).tag("outcome", outcome)
                    .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
