package dev.gantry.tui.state;

/** Gantry-only endpoints, and what a pane says when the engine lacks one. */
public enum Feature {
    TRACES("needs Gantry traces (GET /gantry/v1/traces)"),
    HOOKS("needs Gantry hooks (GET /gantry/v1/hooks)"),
    SCANS("needs Gantry image scans (GET /gantry/v1/images/{name}/scan)"),
    PLUGINS("needs Gantry plugins (GET /gantry/v1/plugins)"),
    METRICS("needs Prometheus metrics (GET /metrics)");

    private final String need;

    Feature(String need) {
        this.need = need;
    }

    /** What to show when the endpoint answered 404 (an engine without the feature). */
    public String need() {
        return need;
    }
}
