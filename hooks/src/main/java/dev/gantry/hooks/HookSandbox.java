package dev.gantry.hooks;

import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Makes the locked-down contexts hooks run in, all on one shared polyglot {@link Engine} (so parsed code is
 * cached across contexts and reloads). The engine is created on the first hook file only: an engine without
 * hooks never loads the JavaScript runtime.
 *
 * <p>{@link SandboxPolicy#CONSTRAINED} is the strictest policy the community edition accepts (ISOLATED and
 * UNTRUSTED need GraalVM's Oracle edition); on top of it every host door is closed explicitly.
 */
public final class HookSandbox implements AutoCloseable {
    private final OutputStream log;
    private Engine engine;

    /** @param log where the runtime's own messages go (the guest's print and console are off) */
    public HookSandbox(OutputStream log) {
        this.log = log;
    }

    public synchronized boolean started() {
        return engine != null;
    }

    private synchronized Engine engine() {
        if (engine == null) {
            engine = Engine.newBuilder("js")
                    .sandbox(SandboxPolicy.CONSTRAINED)
                    .out(log).err(log)
                    // Temurin has no Graal compiler: the interpreter is expected, not worth a warning per start
                    .option("engine.WarnInterpreterOnly", "false")
                    .build();
        }
        return engine;
    }

    public Context newContext() {
        return Context.newBuilder("js")
                .engine(engine())
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(log).err(log)
                .allowHostAccess(HostAccess.CONSTRAINED)
                .allowHostClassLookup(name -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                // evaluating a module answers its namespace, whose members are the exports
                .option("js.esm-eval-returns-exports", "true")
                // gantry.log is the one way out; print and console would write to the engine's log unchecked
                .option("js.print", "false")
                .option("js.console", "false")
                .build();
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close(true);
            engine = null;
        }
    }
}
