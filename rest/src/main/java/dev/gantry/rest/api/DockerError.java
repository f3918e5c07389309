package dev.gantry.rest.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.http.HttpServerResponse;

/** Docker's error body, {@code {"message": "..."}}, written the same way from every layer. */
public record DockerError(String message) {
    public String json() {
        return JsonNodeFactory.instance.objectNode().put("message", message).toString();
    }

    /** For Vert.x routes, which answer outside JAX-RS. */
    public void send(HttpServerResponse response, int status) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(json() + "\n");
    }
}
