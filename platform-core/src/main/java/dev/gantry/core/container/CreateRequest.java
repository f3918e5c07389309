package dev.gantry.core.container;

import dev.gantry.core.container.config.ContainerConfig;
import dev.gantry.core.container.config.EndpointConfig;
import dev.gantry.core.container.config.HostConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code docker create}, typed: the name asked for (empty for a generated one), what runs ({@code Config},
 * whose {@code image} names the image), the host settings, and the networks' settings keyed by network name or
 * ID as the request's {@code NetworkingConfig.EndpointsConfig} gave them (in its order).
 */
public record CreateRequest(String name, ContainerConfig config, HostConfig hostConfig,
                            Map<String, EndpointConfig> endpoints) {
    public CreateRequest {
        name = name == null ? "" : name;
        config = config == null ? ContainerConfig.empty() : config;
        hostConfig = hostConfig == null ? HostConfig.empty() : hostConfig;
        endpoints = endpoints == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }
}
