package dev.gantry.rest.trace;

import dev.gantry.rest.engine.GantryConfig;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory span store behind {@code /gantry/v1/traces}: every ended span, grouped by trace, keeping the
 * last N traces. Quarkus adds every {@link SpanProcessor} bean to its tracer provider, beside the OTLP exporter
 * when one is configured.
 */
@ApplicationScoped
public class TraceStore implements SpanProcessor {
    private static final int MAX_SPANS_PER_TRACE = 1000;
    private final int keep;
    private final LinkedHashMap<String, List<SpanData>> traces = new LinkedHashMap<>(16, 0.75f, false);
    private final DashboardRequests dashboard = new DashboardRequests();

    TraceStore(GantryConfig config) {
        this.keep = config.traces().keep();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        dashboard.started(span);
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (dashboard.ignore(span)) {
            return;
        }
        SpanData data = span.toSpanData();
        synchronized (traces) {
            List<SpanData> spans = traces.computeIfAbsent(data.getTraceId(), id -> new ArrayList<>());
            if (spans.size() < MAX_SPANS_PER_TRACE) {
                spans.add(data);
            }
            while (traces.size() > keep) {
                traces.remove(traces.keySet().iterator().next());
            }
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** Copies of the kept traces, oldest first. */
    public Map<String, List<SpanData>> all() {
        synchronized (traces) {
            Map<String, List<SpanData>> copy = new LinkedHashMap<>();
            traces.forEach((id, spans) -> copy.put(id, List.copyOf(spans)));
            return copy;
        }
    }

    public Optional<List<SpanData>> trace(String traceId) {
        synchronized (traces) {
            return Optional.ofNullable(traces.get(traceId)).map(List::copyOf);
        }
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
