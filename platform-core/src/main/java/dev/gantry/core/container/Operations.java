package dev.gantry.core.container;

import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every public container operation runs through here once: a {@code container.<operation>} span and, when
 * metrics are on, the operation's timer. Steps inside are child spans.
 */
final class Operations {
    /** Work that may throw checked exceptions, run as a child span. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    private final Tracer tracer;
    private final Optional<ContainerMetrics> metrics;

    Operations(Tracer tracer, Optional<ContainerMetrics> metrics) {
        this.tracer = tracer;
        this.metrics = metrics;
    }

    <T> T run(String operation, Supplier<T> work) {
        Supplier<T> traced = () -> dev.gantry.core.Spans.child(tracer, "container." + operation, work::get);
        // not Optional.map: a null result would run the work a second time
        return metrics.isPresent() ? metrics.get().time(operation, traced) : traced.get();
    }

    void run(String operation, Runnable work) {
        run(operation, () -> {
            work.run();
            return null;
        });
    }

    /** A step that throws nothing checked, as a child span (the crash suite halts at these). */
    void step(String name, Runnable work) {
        dev.gantry.core.Spans.child(tracer, name, () -> {
            work.run();
            return null;
        });
    }

    <T> T child(String name, Step<T> work) throws IOException {
        return dev.gantry.core.Spans.child(tracer, name, work::run);
    }
}
