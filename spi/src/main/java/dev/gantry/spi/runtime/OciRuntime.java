package dev.gantry.spi.runtime;

import dev.gantry.spi.plugin.Plugin;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An OCI runtime (runc, crun) driven through its command line, per the OCI runtime spec's operations.
 *
 * <p>Ownership: the bundle directory and its {@code config.json} belong to the engine; the runtime's own state
 * (its {@code --root}) lives in the plugin's {@code runDir} and belongs to the plugin. A container outlives the
 * engine: nothing here may tie a container's life to the JVM's.
 *
 * <p>Idempotence: {@link #delete} of a missing container succeeds; {@link #kill} of a stopped one fails with
 * {@code CONFLICT}; every other call on a missing container fails with {@code NOT_FOUND}.
 */
public interface OciRuntime extends Plugin {

    /**
     * The executable and the global arguments that go before every subcommand (such as {@code --root}), so a
     * container monitor (conmon) can drive the same runtime with the same state directory.
     */
    List<String> command();

    /**
     * Creates the container from {@code bundle} (which holds {@code config.json} and the root filesystem) and
     * leaves its init process waiting for {@link #start}. On failure nothing is left registered.
     */
    void create(String id, Path bundle, StdioFiles stdio);

    /** Runs the user process of a created container. */
    void start(String id);

    /** Sends {@code signal} to the init process, or with {@code all} to every process of the container. */
    void kill(String id, int signal, boolean all);

    /** Forgets a stopped container; with {@code force} kills a running one first. */
    void delete(String id, boolean force);

    /** The container's state; empty when the runtime does not know it. */
    Optional<RuntimeState> state(String id);

    /** Every container this runtime knows, for reconciliation at engine start. */
    List<RuntimeState> list();

    /** Freezes every process of the container. */
    void pause(String id);

    /** Thaws a paused container. */
    void resume(String id);

    /**
     * Runs another process in a running container, described by an OCI {@code process} JSON file, and waits
     * for it. Returns its exit code.
     */
    int exec(String id, Path processJson, StdioFiles stdio);

    /** Changes the cgroup limits of a running container from an OCI {@code linux.resources} JSON file. */
    void update(String id, Path resourcesJson);

    /** The host pids of every process in the container. */
    List<Long> pids(String id);
}
