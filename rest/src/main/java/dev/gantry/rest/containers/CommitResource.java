package dev.gantry.rest.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.ContainerFilesystem;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.Reference;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** {@code POST /commit}: a new image from a container's changes. */
@Path("/commit")
public class CommitResource {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final ContainerFilesystem filesystem;

    CommitResource(ContainerFilesystem filesystem) {
        this.filesystem = filesystem;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes("*/*")
    public Response commit(@QueryParam("container") String container, @QueryParam("repo") String repo,
                           @QueryParam("tag") String tag, @QueryParam("comment") String comment,
                           @QueryParam("author") String author, @QueryParam("changes") List<String> changes,
                           byte[] body) throws IOException {
        JsonNode config = body == null || body.length == 0 ? null : JSON.readTree(body);
        if (container == null || container.isEmpty()) {
            throw EngineException.invalid("No container specified");
        }
        Optional<Reference> ref = Optional.empty();
        if (repo != null && !repo.isEmpty()) {
            try {
                ref = Optional.of(Reference.parse(repo + ":" + (tag == null || tag.isEmpty() ? "latest" : tag)));
            } catch (IllegalArgumentException | EngineException e) {
                throw EngineException.invalid("invalid reference format: " + e.getMessage());
            }
        }
        List<String> lines = changes == null ? List.of() : changes.stream().flatMap(c -> c.lines()).toList();
        ImageRecord image = filesystem.commit(container, ref, comment, author, lines, config);
        return Response.status(201).entity(JsonNodeFactory.instance.objectNode().put("Id", image.id().toString())).build();
    }
}
