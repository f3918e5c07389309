package dev.gantry.core.container;

import dev.gantry.core.container.config.HealthConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs containers' health checks (from the image's HEALTHCHECK or the create options) while they run: a probe
 * every interval (every start interval during the start period), a failure when it exits non-zero or outlasts its
 * timeout, unhealthy after {@code retries} failures in a row. Each change of status is a {@code health_status}
 * event and shows in inspect.
 */
public final class HealthMonitor implements LifecycleListener, AutoCloseable {
    private static final long DEFAULT_NS = 30_000_000_000L;
    private final ContainerContext ctx;
    private final Execs execs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gantry-health").factory());
    private final Map<String, ScheduledFuture<?>> checks = new ConcurrentHashMap<>();

    /** The check as configured, with Docker's defaults. */
    record Check(List<String> command, long intervalNs, long timeoutNs, int retries, long startPeriodNs, long startIntervalNs) {
        static Check of(HealthConfig hc) {
            List<String> test = hc.test();
            if (test.isEmpty() || test.getFirst().equals("NONE")) {
                return null;
            }
            List<String> cmd = switch (test.getFirst()) {
                case "CMD" -> test.subList(1, test.size());
                case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
                default -> test;
            };
            if (cmd.isEmpty()) {
                return null;
            }
            return new Check(cmd, positive(hc.interval(), DEFAULT_NS), positive(hc.timeout(), DEFAULT_NS),
                    (int) positive(hc.retries(), 3), hc.startPeriod(), positive(hc.startInterval(), 5_000_000_000L));
        }

        private static long positive(long v, long dflt) {
            return v > 0 ? v : dflt;
        }
    }

    public HealthMonitor(ContainerContext ctx, Execs execs) {
        this.ctx = ctx;
        this.execs = execs;
        ctx.listeners().add(this);
    }

    /** Whether a container has a check: its state then carries a health from creation on. */
    static boolean hasCheck(Container c) {
        return c.config().health().map(Check::of).isPresent();
    }

    @Override
    public void started(Container c) {
        Check check = c.config().health().map(Check::of).orElse(null);
        if (check == null) {
            return;
        }
        cancel(c.id());
        Instant started = Instant.now();
        schedule(c.id(), check, started, check.startPeriodNs() > 0 ? check.startIntervalNs() : check.intervalNs());
    }

    private void schedule(String id, Check check, Instant started, long delayNs) {
        checks.put(id, timer.schedule(() -> Thread.ofVirtual().start(() -> probe(id, check, started)), delayNs, TimeUnit.NANOSECONDS));
    }

    private void probe(String id, Check check, Instant started) {
        Container c = ctx.store().get(id).orElse(null);
        if (c == null || c.status() != ContainerStatus.RUNNING) {
            return;
        }
        Instant begin = Instant.now();
        Execs.Result r;
        try {
            r = execs.run(id, check.command(), check.timeoutNs() / 1_000_000);
        } catch (Exception e) {
            r = new Execs.Result(-1, String.valueOf(e.getMessage()));
        }
        boolean inStart = Duration.between(started, begin).toNanos() < check.startPeriodNs();
        Health.Probe probe = new Health.Probe(begin, Instant.now(), r.exitCode(), r.output());
        Health[] changed = new Health[2];
        ctx.locks().withLock(id, () -> {
            Container now = ctx.store().get(id).orElse(null);
            if (now == null || now.status() != ContainerStatus.RUNNING) {
                return null;
            }
            Health before = now.state().healthView().orElse(Health.starting());
            Health after = before.after(probe, check.retries(), inStart);
            ctx.store().update(now.withState(now.state().withHealth(after)));
            changed[0] = before;
            changed[1] = after;
            return null;
        });
        if (changed[1] == null) {
            return;
        }
        if (!changed[0].status().equals(changed[1].status())) {
            ctx.store().get(id).ifPresent(now -> ctx.events().emit(now, "health_status: " + changed[1].status()));
        }
        boolean stillStarting = inStart && !Health.HEALTHY.equals(changed[1].status());
        schedule(id, check, started, stillStarting ? check.startIntervalNs() : check.intervalNs());
    }

    @Override
    public void restored(Container c) {
        started(c);
    }

    @Override
    public void exited(Container c) {
        cancel(c.id());
    }

    @Override
    public void removed(Container c) {
        cancel(c.id());
    }

    private void cancel(String id) {
        ScheduledFuture<?> f = checks.remove(id);
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

}
