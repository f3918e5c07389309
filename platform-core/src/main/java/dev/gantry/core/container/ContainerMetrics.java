package dev.gantry.core.container;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.gantry.core.OperationTimer;
import java.util.function.Supplier;

/**
 * Container metrics: {@code gantry_containers{state}} (how many are in each state) and
 * {@code gantry_container_operations_seconds{operation,outcome}} (create, start, stop, kill, ...).
 */
public final class ContainerMetrics {
    private final OperationTimer timer;

    public ContainerMetrics(MeterRegistry registry, ContainerStore store) {
        this.timer = new OperationTimer(registry, "gantry.container.operations", "Container operations");
        for (ContainerStatus s : ContainerStatus.values()) {
            Gauge.builder("gantry.containers", store, st -> st.list().stream().filter(c -> c.status() == s).count())
                    .description("Containers by state").tag("state", s.word()).register(registry);
        }
    }

    <T> T time(String operation, Supplier<T> work) {
        return timer.time(operation, work::get);
    }
}
