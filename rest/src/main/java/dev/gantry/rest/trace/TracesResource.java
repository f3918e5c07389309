package dev.gantry.rest.trace;

import dev.gantry.rest.api.ErrorMappers;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code /gantry/v1/traces}: the spans of the last requests and operations, newest trace first. */
@Path("/gantry/v1/traces")
@Produces(MediaType.APPLICATION_JSON)
public class TracesResource {
    private final TraceStore store;

    TracesResource(TraceStore store) {
        this.store = store;
    }

    public record TraceSummary(String TraceId, String Name, Instant Start, long DurationMicros, int Spans) {
    }

    public record SpanView(String TraceId, String SpanId, String ParentSpanId, boolean RemoteParent, String Name,
                           String Kind, Instant Start, long DurationMicros, String Status,
                           Map<String, String> Attributes) {
    }

    public record TraceView(String TraceId, List<SpanView> Spans) {
    }

    @GET
    public List<TraceSummary> list() {
        return store.all().entrySet().stream()
                .map(e -> summary(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(TraceSummary::Start).reversed())
                .toList();
    }

    @GET
    @Path("{traceId}")
    public Response get(@PathParam("traceId") String traceId) {
        return store.trace(traceId)
                .map(spans -> Response.ok(new TraceView(traceId, spans.stream()
                        .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                        .map(TracesResource::view).toList())).build())
                .orElseGet(() -> ErrorMappers.error(404, "trace " + traceId + " not found"));
    }

    private static TraceSummary summary(String traceId, List<SpanData> spans) {
        SpanData first = spans.stream().min(Comparator.comparingLong(SpanData::getStartEpochNanos)).orElseThrow();
        long end = spans.stream().mapToLong(SpanData::getEndEpochNanos).max().orElse(first.getEndEpochNanos());
        return new TraceSummary(traceId, first.getName(), instant(first.getStartEpochNanos()),
                TimeUnit.NANOSECONDS.toMicros(end - first.getStartEpochNanos()), spans.size());
    }

    private static SpanView view(SpanData s) {
        Map<String, String> attributes = new LinkedHashMap<>();
        s.getAttributes().forEach((AttributeKey<?> k, Object v) -> attributes.put(k.getKey(), String.valueOf(v)));
        String parent = s.getParentSpanContext().isValid() ? s.getParentSpanId() : "";
        return new SpanView(s.getTraceId(), s.getSpanId(), parent, s.getParentSpanContext().isRemote(), s.getName(),
                s.getKind().name(), instant(s.getStartEpochNanos()),
                TimeUnit.NANOSECONDS.toMicros(s.getEndEpochNanos() - s.getStartEpochNanos()),
                s.getStatus().getStatusCode().name(), attributes);
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }
}
