package dev.gantry.rest.images;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.image.Reference;
import dev.gantry.core.registry.Credentials;
import dev.gantry.core.registry.ImagePuller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;

/** {@code GET /distribution/{name}/json}: what a registry holds under a name, without pulling it. */
@Path("/distribution")
public class DistributionResource {
    private final ImagePuller puller;

    DistributionResource(ImagePuller puller) {
        this.puller = puller;
    }

    @GET
    @Path("{name: .+}/json")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode inspect(@PathParam("name") String name, @HeaderParam("X-Registry-Auth") String auth) throws IOException {
        var resolved = puller.resolve(Reference.parse(name), Credentials.fromHeader(auth));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.putObject("Descriptor").put("mediaType", resolved.mediaType()).put("digest", resolved.digest().toString())
                .put("size", resolved.size());
        out.putArray("Platforms").addObject().put("architecture", "amd64").put("os", "linux");
        return out;
    }
}
