package dev.gantry.rest.trace;

import dev.gantry.rest.engine.GantryConfig;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The crash suite's trigger: with {@code gantry.crash-at=start:<span>} or {@code end:<span>} (optionally
 * {@code #n} for the n-th such span) the engine halts at once when an operation reaches that step, as a
 * {@code kill -9} there would stop it: no shutdown hook, no {@code finally}. Unset, which is the default and the
 * only sane production setting, it does nothing.
 */
@ApplicationScoped
public class CrashPoints implements SpanProcessor {
    private static final Logger LOG = Logger.getLogger(CrashPoints.class);

    private final boolean atStart;
    private final String name;
    private final int nth;
    private final AtomicInteger seen = new AtomicInteger();

    CrashPoints(GantryConfig config) {
        String spec = config.crashAt().orElse("").strip();
        int hash = spec.indexOf('#');
        this.nth = hash < 0 ? 1 : Integer.parseInt(spec.substring(hash + 1));
        spec = hash < 0 ? spec : spec.substring(0, hash);
        this.atStart = spec.startsWith("start:");
        this.name = spec.isEmpty() ? "" : spec.substring(spec.indexOf(':') + 1);
        if (!name.isEmpty()) {
            LOG.warnf("crash point armed: the engine halts at the %s of span %s #%d", atStart ? "start" : "end", name, nth);
        }
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        hit(span.getName());
    }

    @Override
    public boolean isStartRequired() {
        return atStart && !name.isEmpty();
    }

    @Override
    public void onEnd(ReadableSpan span) {
        hit(span.getName());
    }

    @Override
    public boolean isEndRequired() {
        return !atStart && !name.isEmpty();
    }

    private void hit(String span) {
        if (span.equals(name) && seen.incrementAndGet() == nth) {
            System.err.println("gantry: crash point " + (atStart ? "start:" : "end:") + name + " reached, halting");
            Runtime.getRuntime().halt(137);
        }
    }
}
