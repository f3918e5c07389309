package dev.gantry.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.core.Spans;
import dev.gantry.core.state.Documents;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one call of one hook file and reads what it returned: each call is a span {@code hook.<event>} under the
 * current span (with the file, outcome and duration), a metric, and a line of the file's stats.
 */
final class HookRunner {
    private final Tracer tracer;
    private final HookMetrics metrics;
    private final Map<String, HookStats> stats = new ConcurrentHashMap<>();

    HookRunner(Tracer tracer, HookMetrics metrics) {
        this.tracer = tracer;
        this.metrics = metrics;
    }

    HookStats stats(String hook) {
        return stats.computeIfAbsent(hook, h -> new HookStats());
    }

    /** A counted, traced call. */
    Judged run(HookModule m, HookEvent event, List<JsonNode> args, GantryApi.Mode mode) {
        return Spans.child(tracer, "hook." + event.function(), () -> {
            Judged j = judge(m, event, args, mode);
            Span span = Span.current();
            span.setAttribute("hook.file", m.file().getFileName().toString());
            span.setAttribute("hook.outcome", j.outcome().word());
            span.setAttribute("hook.duration_us", j.call().duration().toNanos() / 1000);
            if (j.outcome() == Outcome.ERROR || j.outcome() == Outcome.TIMEOUT) {
                span.setStatus(StatusCode.ERROR, j.reason().orElse(""));
            }
            metrics.record(m.name(), event, j.outcome(), j.call().duration());
            boolean failed = j.outcome() == Outcome.ERROR || j.outcome() == Outcome.TIMEOUT;
            stats(m.name()).record(j.outcome(), j.call().duration(),
                    failed ? Optional.of(event.function() + ": " + j.reason().orElse("")) : Optional.empty());
            return j;
        });
    }

    /** An uncounted call, as a dry run makes it. */
    static Judged judge(HookModule m, HookEvent event, List<JsonNode> args, GantryApi.Mode mode) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        args.forEach(array::add);
        CallResult r = m.call(event, array.toString(), mode);
        return switch (r.kind()) {
            case TIMEOUT -> new Judged(Outcome.TIMEOUT, Optional.of(r.error()), Optional.empty(), r.recorded(), r);
            case THREW -> new Judged(Outcome.ERROR, Optional.of(r.error()), Optional.empty(), r.recorded(), r);
            case RETURNED -> returned(event, args.isEmpty() ? null : args.getFirst(), r);
        };
    }

    private static Judged returned(HookEvent event, JsonNode input, CallResult r) {
        if (r.value() == null || !event.policy()) {
            return new Judged(Outcome.ALLOW, Optional.empty(), Optional.empty(), r.recorded(), r);
        }
        JsonNode value;
        try {
            value = Documents.MAPPER.readTree(r.value());
        } catch (JsonProcessingException e) {
            return new Judged(Outcome.ERROR, Optional.of("cannot read the result: " + e.getOriginalMessage()),
                    Optional.empty(), r.recorded(), r);
        }
        if (!value.isObject()) {
            return new Judged(Outcome.ERROR, Optional.of(event.function() + " returned " + value
                    + ": expected nothing, {deny: reason}" + (event == HookEvent.BEFORE_CREATE ? " or a changed request" : "")),
                    Optional.empty(), r.recorded(), r);
        }
        if (value.has("deny")) {
            JsonNode d = value.get("deny");
            String reason = d.isTextual() ? d.asText() : d.toString();
            return new Judged(Outcome.DENY, Optional.of(reason.isEmpty() ? "no reason given" : reason),
                    Optional.empty(), r.recorded(), r);
        }
        if (event == HookEvent.BEFORE_CREATE && !value.equals(input)) {
            return new Judged(Outcome.CHANGE, Optional.empty(), Optional.of(value), r.recorded(), r);
        }
        return new Judged(Outcome.ALLOW, Optional.empty(), Optional.empty(), r.recorded(), r);
    }
}
