package dev.gantry.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.event.EventBus;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * JavaScript lifecycle hooks: the one object the server talks to. Policy events run on the caller's thread
 * ({@link #policy}), observer events and schedules on a dispatcher thread ({@link #observe}); the directory is
 * polled twice a second. While no hook file exists, nothing of the JavaScript runtime is loaded and a policy
 * check is a read of an empty list.
 */
public final class Hooks implements AutoCloseable {
    private static final long POLL_MILLIS = 500;
    private static final int OBSERVER_QUEUE = 1024;

    private final HookSandbox sandbox;
    private final Watchdog watchdog = new Watchdog();
    private final HookDirectory directory;
    private final HookRunner runner;
    private final PolicyChain chain;
    private final ObserverDispatcher observers = new ObserverDispatcher(OBSERVER_QUEUE);
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hook-directory");
        t.setDaemon(true);
        return t;
    });

    public Hooks(Path dir, EngineAccess access, EventBus events, Tracer tracer, MeterRegistry meters) {
        this.sandbox = new HookSandbox(new LogStream(System.getLogger("dev.gantry.hooks.runtime")));
        this.directory = new HookDirectory(dir, (name, file, text) -> {
            if (!sandbox.started()) {
                HookModule.warmUp(sandbox, 120);
                // the rest of the warm-up on a thread of its own, off any request and off the directory's watch
                Thread.ofPlatform().daemon().name("hook-warm-up").start(() -> {
                    try {
                        HookModule.warmUp(sandbox, 3000);
                    } catch (RuntimeException e) {
                        // the engine closed meanwhile
                    }
                });
            }
            return HookModule.load(name, file, text, sandbox, watchdog, access);
        }, events);
        this.runner = new HookRunner(tracer, new HookMetrics(meters));
        this.chain = new PolicyChain(runner, events);
    }

    /** Loads the directory and starts watching it. */
    public synchronized void start() {
        directory.scan(false);
        poller.scheduleWithFixedDelay(this::tick, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            directory.scan(false);
            runDueSchedules();
        } catch (RuntimeException e) {
            System.getLogger(Hooks.class.getName()).log(System.Logger.Level.WARNING, "hooks: " + e.getMessage(), e);
        }
    }

    private void runDueSchedules() {
        Instant now = Instant.now();
        for (HookFile f : directory.files()) {
            HookModule m = f.module;
            if (m == null || m.schedule().isEmpty() || f.nextRun == null || now.isBefore(f.nextRun) || f.scheduled) {
                continue;
            }
            f.nextRun = now.plus(m.schedule().get().period());
            f.scheduled = true;
            observers.submit(() -> {
                try {
                    runner.run(m, HookEvent.ON_SCHEDULE, List.of(), GantryApi.Mode.FULL);
                } finally {
                    f.scheduled = false;
                }
            });
        }
    }

    public Path directory() {
        return directory.path();
    }

    /** Whether the JavaScript runtime was ever started (for tests and benchmarks of the no-hooks case). */
    public boolean runtimeStarted() {
        return sandbox.started();
    }

    /**
     * Runs a policy event; {@code args} are the event's arguments as JSON (the first is what {@code beforeCreate}
     * may change).
     */
    public PolicyDecision policy(HookEvent event, List<JsonNode> args) {
        List<HookModule> files = directory.active();
        if (files.isEmpty() || files.stream().noneMatch(m -> m.handles(event))) {
            return new PolicyDecision(Optional.empty(), args.isEmpty() ? null : args.getFirst());
        }
        return chain.run(files, event, args);
    }

    /** As {@link #policy}, throwing the denial as Docker's 403. */
    public JsonNode require(HookEvent event, List<JsonNode> args) {
        PolicyDecision d = policy(event, args);
        if (!d.allowed()) {
            throw new EngineException(EngineException.Kind.FORBIDDEN, d.denial().get());
        }
        return d.payload();
    }

    /** Whether any file in force handles the event: callers skip building payloads otherwise. */
    public boolean handles(HookEvent event) {
        return directory.active().stream().anyMatch(m -> m.handles(event));
    }

    /**
     * Queues an observer event; the arguments are made on the dispatcher's thread (they may need lookups), and
     * only when a file handles the event.
     */
    public void observe(HookEvent event, Supplier<List<JsonNode>> args) {
        if (!handles(event)) {
            return;
        }
        observers.submit(() -> {
            List<JsonNode> a = args.get();
            if (a == null) {
                return;
            }
            for (HookModule m : directory.active()) {
                if (m.handles(event)) {
                    runner.run(m, event, a, GantryApi.Mode.FULL);
                }
            }
        });
    }

    /** Observer calls dropped because the queue was full. */
    public long droppedObserverCalls() {
        return observers.dropped();
    }

    public List<HookView> list() {
        return directory.files().stream().map(this::view).toList();
    }

    public Optional<HookView> view(String name) {
        return Optional.ofNullable(directory.file(name)).map(this::view);
    }

    private HookView view(HookFile f) {
        HookStats s = runner.stats(f.name);
        Optional<HookModule> m = f.module();
        List<String> events = m.map(x -> x.events().stream().map(HookEvent::function).toList()).orElse(List.of());
        boolean policy = m.map(x -> x.events().stream().anyMatch(HookEvent::policy)).orElse(true);
        long timeout = m.flatMap(HookModule::timeout)
                .orElse(policy ? HookEvent.POLICY_TIMEOUT : HookEvent.OBSERVER_TIMEOUT).toMillis();
        return new HookView(f.name, f.path.getFileName().toString(), events, f.failure == null && m.isPresent(),
                f.failure().map(HookFile.Failure::message), f.failure().map(HookFile.Failure::line).orElse(0),
                m.map(HookModule::failOpen).orElse(false), timeout, m.flatMap(HookModule::schedule).map(Schedule::spec),
                s.counts(), s.quantileMicros(0.5), s.quantileMicros(0.99), s.lastError());
    }

    /**
     * Runs one file's function as the event would, without effects: policy calls as usual (their gantry is
     * read-only), observers with their gantry writes recorded instead of made. Not counted in the stats.
     */
    public DryRun dryRun(String name, HookEvent event, List<JsonNode> args) {
        HookFile f = directory.file(name);
        if (f == null) {
            throw EngineException.notFound("no hook " + name);
        }
        HookModule m = f.module().orElseThrow(() -> EngineException.conflict("hook " + name + " is not loaded: "
                + f.failure().map(HookFile.Failure::message).orElse("")));
        if (!m.handles(event)) {
            throw EngineException.invalid("hook " + name + " does not handle " + event.function());
        }
        Judged j = HookRunner.judge(m, event, args, event.policy() ? GantryApi.Mode.READ_ONLY : GantryApi.Mode.RECORDING);
        return DryRun.of(name, event, j);
    }

    /** Loads every file again, changed or not. */
    public void reload() {
        directory.scan(true);
    }

    @Override
    public synchronized void close() {
        poller.shutdownNow();
        observers.close();
        directory.close();
        watchdog.close();
        sandbox.close();
    }

    /** The runtime's own messages, line by line into the log. */
    private static final class LogStream extends OutputStream {
        private final System.Logger log;
        private final StringBuilder line = new StringBuilder();

        LogStream(System.Logger log) {
            this.log = log;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                log.log(System.Logger.Level.INFO, line.toString());
                line.setLength(0);
            } else if (line.length() < 4096) {
                line.append((char) b);
            }
        }
    }
}
