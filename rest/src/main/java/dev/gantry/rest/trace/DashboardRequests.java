package dev.gantry.rest.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Recognises the traces of {@code scripts/gantry tui}'s own requests (its {@code User-Agent: gantry-dashboard/...}),
 * so that the dashboard watching the engine does not fill the trace list it shows. A trace is marked when its
 * server span starts, so its inner spans, which end first, are left out too.
 */
final class DashboardRequests {
    static final String AGENT_PREFIX = "gantry-dashboard/";
    private static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    private static final int REMEMBERED = 4096;
    private final Set<String> traceIds = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** Called as a span starts: marks its trace when it is a request of the dashboard. */
    synchronized void started(ReadableSpan span) {
        String agent = span.getAttribute(USER_AGENT);
        if (agent != null && agent.startsWith(AGENT_PREFIX)) {
            traceIds.add(span.getSpanContext().getTraceId());
        }
    }

    /** True for a span of a marked trace; its local root's end (the server span) forgets the mark. */
    synchronized boolean ignore(ReadableSpan span) {
        String traceId = span.getSpanContext().getTraceId();
        String agent = span.getAttribute(USER_AGENT);
        boolean own = traceIds.contains(traceId) || agent != null && agent.startsWith(AGENT_PREFIX);
        if (own && (!span.getParentSpanContext().isValid() || span.getParentSpanContext().isRemote())) {
            traceIds.remove(traceId);
        }
        return own;
    }
}
