package dev.gantry.hooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code gantry_hook_calls_total{hook,event,outcome}} and {@code gantry_hook_duration_seconds{hook,event}}.
 * Not core's OperationTimer: its tags are fixed to operation and outcome, and hooks are tagged by file and event.
 */
final class HookMetrics {
    private final MeterRegistry registry;

    HookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String hook, HookEvent event, Outcome outcome, Duration took) {
        Counter.builder("gantry.hook.calls").description("Calls of JavaScript hooks by file, event and outcome")
                .tag("hook", hook).tag("event", event.function()).tag("outcome", outcome.word())
                .register(registry).increment();
        Timer.builder("gantry.hook.duration").description("Time of one call of a JavaScript hook")
                .tag("hook", hook).tag("event", event.function())
                .register(registry).record(took);
    }
}
