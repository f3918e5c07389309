package dev.gantry.core.container;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Container metrics: {@code gantry_containers{state}} (how many are in each state) and
 * {@code gantry_container_operations_seconds{operation,outcome}} (create, start, stop, kill, ...).
 */
public final class ContainerMetrics {
    private final MeterRegistry registry;

    public ContainerMetrics(MeterRegistry registry, ContainerStore store) {
        this.registry = registry;
        for (ContainerStatus s : ContainerStatus.values()) {
            Gauge.builder("gantry.containers", store, st -> st.list().stream().filter(c -> c.status() == s).count())
                    .description("Containers by state").tag("state", s.word()).register(registry);
        }
    }

    <T> T time(String operation, Supplier<T> work) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = work.get();
            outcome = "success";
            return result;
        } finally {
            Timer.builder("gantry.container.operations").description("Container operations")
                    .tag("operation", operation).tag("outcome", outcome).register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
