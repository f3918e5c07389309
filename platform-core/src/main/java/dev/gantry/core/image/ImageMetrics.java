package dev.gantry.core.image;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Image operation metrics: {@code gantry_image_operations_seconds{operation,outcome}} and
 * {@code gantry_image_transfer_bytes_total{direction}} for registry traffic.
 */
public final class ImageMetrics {
    private final MeterRegistry registry;

    public ImageMetrics(MeterRegistry registry) {
        this.registry = registry;
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
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = work.run();
            outcome = "success";
            return result;
        } finally {
            Timer.builder("gantry.image.operations").description("Image operations: pull, push, load, save, import, tag, remove")
                    .tag("operation", operation).tag("outcome", outcome).register(registry)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    public void transferred(String direction, long bytes) {
        Counter.builder("gantry.image.transfer.bytes").description("Bytes moved to or from registries")
                .baseUnit("bytes").tag("direction", direction).register(registry).increment(bytes);
    }
}
