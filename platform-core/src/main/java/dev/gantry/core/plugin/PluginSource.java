package dev.gantry.core.plugin;

/** Where a plugin came from: built in (on the engine's classpath) or a jar in the plugins folder. */
public record PluginSource(String location) {
    public static final PluginSource BUILT_IN = new PluginSource("built-in");

    public boolean builtIn() {
        return this.equals(BUILT_IN);
    }
}
