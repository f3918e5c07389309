package dev.gantry.core.builder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Build metrics besides the whole-build timer ({@code gantry_build_operations_seconds}, an
 * {@link dev.gantry.core.OperationTimer}): {@code gantry_build_steps_total{instruction,cache}}.
 */
final class BuildMetrics {
    private BuildMetrics() {
    }

    static void step(MeterRegistry registry, String instruction, boolean cacheHit) {
        Counter.builder("gantry.build.steps").description("Build steps run, by instruction and whether the cache answered")
                .tag("instruction", instruction).tag("cache", cacheHit ? "hit" : "miss").register(registry).increment();
    }
}
