package dev.gantry.spi.plugin;

import java.io.IOException;

/**
 * The part every plugin shares. Plugins are found with {@link java.util.ServiceLoader} (each kind's interface is
 * the service type), from the engine's classpath and from jars in {@code <data-root>/plugins}.
 *
 * <p>Life cycle, driven by the engine only: construct (no-arg, cheap, no side effects) → {@link #probe()} →
 * {@link #init} (only if the probe said available) → use → {@link #close()}. Methods other than
 * {@link #descriptor()} and {@link #probe()} are never called before {@code init} returned.
 */
public interface Plugin extends AutoCloseable {

    /** Constant for the life of the object. */
    PluginDescriptor descriptor();

    /**
     * Checks whether this plugin can work on this host: tools present, kernel features there. Must not change
     * the host, may run read-only commands, and should answer within a few seconds.
     */
    Availability probe();

    /**
     * Prepares the plugin for use. Idempotent across engine restarts: it finds the state a previous run left in
     * {@link PluginContext#stateDir()} and must accept it, including what a crash left half done.
     */
    default void init(PluginContext context) throws IOException {
    }

    /** Releases what {@link #init} acquired. Must not remove user data: containers and snapshots outlive the engine. */
    @Override
    default void close() {
    }
}
