package dev.gantry.core.image;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Image operation metrics: {@code gantry_image_operations_seconds{operation,outcome}} and
 * {@code gantry_image_transfer_bytes_total{direction}} for registry traffic.
 */
public final class ImageMetrics {
    private final MeterRegistry registry;
    private final dev.gantry.core.OperationTimer timer;

    public ImageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.timer = new dev.gantry.core.OperationTimer(registry, "gantry.image.operations",
                "Image operations: pull, push, load, save, import, tag, remove");
    }

    /** For tests and tools that do not export metrics. */
    public static ImageMetrics none() {
        return new ImageMetrics(new SimpleMeterRegistry());
    }

    /** Work whose duration and outcome are recorded. */
    @FunctionalInterface
    public interface Operation<T, E extends Exception> {
        T run() throws E;
    }

    public <T, E extends Exception> T time(String operation, Operation<T, E> work) throws E {
        return timer.time(operation, work::run);
    }

    public void transferred(String direction, long bytes) {
        Counter.builder("gantry.image.transfer.bytes").description("Bytes moved to or from registries")
                .baseUnit("bytes").tag("direction", direction).register(registry).increment(bytes);
    }
}
