package dev.gantry.rest.images;

import dev.gantry.core.EngineException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.image.Reference;
import dev.gantry.core.registry.Credentials;
import dev.gantry.core.registry.RegistryClient;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;

/**
 * {@code POST /auth}: {@code docker login} asks the engine to check credentials against a registry. Nothing is
 * stored here: the CLI keeps them and sends them with each pull and push.
 */
@Path("/auth")
public class AuthResource {
    private final RegistryClient registries;

    AuthResource(RegistryClient registries) {
        this.registries = registries;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode login(JsonNode body) throws IOException {
        if (body == null || !body.isObject()) {
            throw EngineException.invalid("expected a JSON object with username, password and serveraddress");
        }
        String server = body.path("serveraddress").asText("");
        String registry = server.isEmpty() || server.contains("index.docker.io") ? Reference.DOCKER_HUB
                : server.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        Credentials credentials = new Credentials(body.path("username").asText(""), body.path("password").asText(""),
                body.path("identitytoken").asText(""));
        registries.session(registry, "", credentials, false).ping();
        return JsonNodeFactory.instance.objectNode().put("Status", "Login Succeeded").put("IdentityToken", "");
    }
}
