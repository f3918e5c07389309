package dev.gantry.core.container.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.container.CreateRequest;
import dev.gantry.core.container.config.EndpointConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A create request from Docker's body ({@code Config} fields at the top, {@code HostConfig},
 * {@code NetworkingConfig}), read as leniently as each part's own codec: what is absent is not asked for, and the
 * checks come when the container is made.
 */
public final class CreateRequestDocument {
    private CreateRequestDocument() {
    }

    /** @param name the {@code name} query parameter; null or empty for a generated one */
    public static CreateRequest read(String name, JsonNode body) {
        Map<String, EndpointConfig> endpoints = new LinkedHashMap<>();
        body.path("NetworkingConfig").path("EndpointsConfig").properties()
                .forEach(e -> endpoints.put(e.getKey(), EndpointConfigDocument.read(e.getValue())));
        return new CreateRequest(name, ContainerConfigDocument.read(body), HostConfigDocument.read(body.get("HostConfig")),
                endpoints);
    }
}
