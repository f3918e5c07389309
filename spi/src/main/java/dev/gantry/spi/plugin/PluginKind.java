package dev.gantry.spi.plugin;

/** The four kinds of plugin Gantry knows. Docker's own words for them appear in {@code docker info}. */
public enum PluginKind {
    STORAGE("Storage"),
    NETWORK("Network"),
    RUNTIME("Runtime"),
    SCANNER("Scanner");

    private final String title;

    PluginKind(String title) {
        this.title = title;
    }

    /** The capitalised name used in API answers, e.g. {@code Storage}. */
    public String title() {
        return title;
    }
}
