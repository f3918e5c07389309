package dev.gantry.hooks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One loaded hook file: an ES module evaluated in a context of its own, its exported events and settings
 * ({@code failure}, {@code timeout}, {@code schedule}). The context is reused for every call (a fresh one per
 * call costs ~40 times more) and guarded by a lock, since a context runs one thread at a time.
 */
public final class HookModule implements AutoCloseable {
    /** Module evaluation runs the file's top level once; bounded like a call so a loop there cannot hang loading. */
    static final Duration LOAD_LIMIT = Duration.ofSeconds(5);

    /** Calls an export with arguments given as JSON, and answers its result as JSON (null for none). */
    private static final String INVOKE = """
            (function (fn, args) {
              const r = fn(...JSON.parse(args));
              if (r !== null && typeof r === 'object' && typeof r.then === 'function') {
                throw new TypeError('hook functions must return a value, not a Promise (async is not supported)');
              }
              return r === undefined || r === null ? null : JSON.stringify(r);
            })
            """;

    private final String name;
    private final Path file;
    private final String text;
    private final HookSandbox sandbox;
    private final Watchdog watchdog;
    private final GantryApi api;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<HookEvent> events;
    private final boolean failOpen;
    private final Optional<Duration> timeout;
    private final Optional<Schedule> schedule;
    private Context context;
    private Value exports;
    private Value invoke;

    private HookModule(String name, Path file, String text, HookSandbox sandbox, Watchdog watchdog, GantryApi api)
            throws HookCompileException {
        this.name = name;
        this.file = file;
        this.text = text;
        this.sandbox = sandbox;
        this.watchdog = watchdog;
        this.api = api;
        open();
        try {
            events = exportedEvents();
            failOpen = failure();
            timeout = setting("timeout").map(t -> parse("timeout", () -> Durations.parse(t)));
            schedule = setting("schedule").map(s -> parse("schedule", () -> Schedule.parse(s)));
            if (schedule.isPresent() != events.contains(HookEvent.ON_SCHEDULE)) {
                throw new HookCompileException(schedule.isPresent() ? "schedule is set but onSchedule is not exported"
                        : "onSchedule is exported but no schedule is set", 0);
            }
        } catch (IllegalArgumentException e) {
            close();
            throw new HookCompileException(e.getMessage(), 0);
        } catch (HookCompileException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Runs a small module {@code calls} times in a throwaway context: the first calls on a new engine load and
     * JIT-compile much of the runtime (~0.5 s of CPU), which would otherwise fall on the first policy call and
     * its 50 ms limit; calls stay at a few ms until HotSpot has compiled the interpreter's paths (some
     * thousand calls), then take 0.05 to 0.3 ms.
     */
    static void warmUp(HookSandbox sandbox, int calls) {
        try (Context c = sandbox.newContext()) {
            Value invoke = c.eval("js", INVOKE);
            Value ns = c.eval(Source.newBuilder("js", """
                    export function f(req, extra) {
                      const r = {...req, HostConfig: {...(req.HostConfig ?? {})}};
                      if (!r.HostConfig.Memory) r.HostConfig.Memory = 64 * 1024 * 1024;
                      r.Labels = Object.fromEntries(Object.entries(r.Labels ?? {}).map(([k, v]) => [k, String(v)]));
                      return r.HostConfig.Privileged ? {deny: 'no'} : (extra ? undefined : r);
                    }""", "warm-up.mjs").mimeType("application/javascript+module").buildLiteral());
            Value f = ns.getMember("f");
            for (int i = 0; i < calls; i++) {
                invoke.execute(f, i % 3 == 0 ? "[{\"Image\":\"busybox\",\"HostConfig\":{\"Privileged\":true}}]"
                        : "[{\"Image\":\"busybox\",\"Labels\":{\"a\":\"b\"}}, " + (i % 2) + "]");
            }
        }
    }

    static HookModule load(String name, Path file, String text, HookSandbox sandbox, Watchdog watchdog,
                           EngineAccess access) throws HookCompileException {
        return new HookModule(name, file, text, sandbox, watchdog,
                new GantryApi(name, access, System.getLogger("dev.gantry.hooks." + name)));
    }

    private void open() throws HookCompileException {
        context = sandbox.newContext();
        try (Watchdog.Guard guard = watchdog.guard(context, LOAD_LIMIT)) {
            try {
                context.eval("js", GantryApi.BOOTSTRAP).execute(api);
                invoke = context.eval("js", INVOKE);
                Source source = Source.newBuilder("js", text, file.getFileName().toString())
                        .mimeType("application/javascript+module").buildLiteral();
                exports = context.eval(source);
            } catch (PolyglotException e) {
                if (guard.fired()) {
                    throw new HookCompileException("the module's top level ran longer than " + Durations.format(LOAD_LIMIT), 0);
                }
                throw new HookCompileException(firstLine(e.getMessage()),
                        e.getSourceLocation() == null ? 0 : e.getSourceLocation().getStartLine());
            }
        } catch (HookCompileException | RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    private Set<HookEvent> exportedEvents() throws HookCompileException {
        Set<HookEvent> found = EnumSet.noneOf(HookEvent.class);
        for (HookEvent e : HookEvent.values()) {
            Value v = exports.getMember(e.function());
            if (v != null && !v.isNull() && v.canExecute()) {
                found.add(e);
            }
        }
        if (found.isEmpty() && !exports.hasMember("schedule")) {
            List<String> names = new ArrayList<>();
            for (HookEvent e : HookEvent.values()) {
                names.add(e.function());
            }
            throw new HookCompileException("the module exports no hook function (one of " + String.join(", ", names) + ")", 0);
        }
        return found;
    }

    private boolean failure() throws HookCompileException {
        Optional<String> f = setting("failure");
        if (f.isPresent() && !f.get().equals("open") && !f.get().equals("closed")) {
            throw new HookCompileException("failure must be \"open\" or \"closed\", not \"" + f.get() + "\"", 0);
        }
        return f.map("open"::equals).orElse(false);
    }

    private Optional<String> setting(String export) throws HookCompileException {
        Value v = exports.getMember(export);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw new HookCompileException(export + " must be a string", 0);
        }
        return Optional.of(v.asString());
    }

    private interface Parse<T> {
        T run();
    }

    private static <T> T parse(String what, Parse<T> p) {
        try {
            return p.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * Calls the file's function for an event, stopped at the limit (time spent waiting for the file's context
     * counts). Never throws for what the guest does.
     *
     * @param argsJson the arguments, a JSON array
     */
    CallResult call(HookEvent event, String argsJson, GantryApi.Mode mode) {
        Duration limit = timeout.orElse(event.defaultTimeout());
        long start = System.nanoTime();
        boolean locked = false;
        try {
            locked = lock.tryLock(limit.toNanos(), TimeUnit.NANOSECONDS);
            if (!locked) {
                return result(CallResult.Kind.TIMEOUT, null, "waited " + Durations.format(limit)
                        + " for the file's previous call to end", List.of(), start);
            }
            if (context == null) {
                open();
            }
            Duration left = limit.minusNanos(System.nanoTime() - start);
            api.begin(mode);
            try (Watchdog.Guard guard = watchdog.guard(context, left.isNegative() ? Duration.ofMillis(1) : left)) {
                try {
                    Value r = invoke.execute(exports.getMember(event.function()), argsJson);
                    return result(CallResult.Kind.RETURNED, r.isNull() ? null : r.asString(), null, api.recorded(), start);
                } catch (PolyglotException e) {
                    if (guard.cancelled() || e.isCancelled()) {
                        context = null;
                    }
                    if (guard.fired()) {
                        return result(CallResult.Kind.TIMEOUT, null, "timed out after " + Durations.format(limit),
                                api.recorded(), start);
                    }
                    return result(CallResult.Kind.THREW, null, firstLine(e.getMessage()), api.recorded(), start);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(CallResult.Kind.THREW, null, "interrupted", List.of(), start);
        } catch (HookCompileException e) {
            return result(CallResult.Kind.THREW, null, "cannot reopen the file's context: " + e.getMessage(), List.of(), start);
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    private static CallResult result(CallResult.Kind kind, String value, String error, List<GantryApi.Call> recorded,
                                     long start) {
        return new CallResult(kind, value, error, recorded, Duration.ofNanos(System.nanoTime() - start));
    }

    public String name() {
        return name;
    }

    public Path file() {
        return file;
    }

    String text() {
        return text;
    }

    public Set<HookEvent> events() {
        return events;
    }

    public boolean handles(HookEvent e) {
        return events.contains(e);
    }

    public boolean failOpen() {
        return failOpen;
    }

    public Duration timeout(HookEvent e) {
        return timeout.orElse(e.defaultTimeout());
    }

    public Optional<Duration> timeout() {
        return timeout;
    }

    public Optional<Schedule> schedule() {
        return schedule;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (context != null) {
                context.close(true);
                context = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
