package dev.gantry.core;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/** A step of an operation as a child span of whatever span is current; a failure marks the span as an error. */
public final class Spans {
    private Spans() {
    }

    public static <T, E extends Exception> T child(Tracer tracer, String name, OperationTimer.Operation<T, E> work) throws E {
        Span span = tracer.spanBuilder(name).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.run();
        } catch (Exception e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }
}
