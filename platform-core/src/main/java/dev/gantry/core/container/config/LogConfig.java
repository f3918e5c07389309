package dev.gantry.core.container.config;

import java.util.Map;

/** Docker's {@code LogConfig}: the log driver and its {@code --log-opt} options. */
public record LogConfig(String type, Map<String, String> config) {
    public static final LogConfig DEFAULT = new LogConfig("json-file", Map.of());

    public LogConfig {
        type = Values.text(type);
        config = Values.map(config);
    }

    /** An option's value, or {@code ""}. */
    public String option(String key) {
        return config == null ? "" : config.getOrDefault(key, "");
    }

    public Map<String, String> configOrEmpty() {
        return config == null ? Map.of() : config;
    }
}
