package dev.gantry.rest.images;

import dev.gantry.core.content.Digest;
import dev.gantry.core.image.ImageImporter;
import dev.gantry.core.image.Reference;
import dev.gantry.core.registry.Credentials;
import dev.gantry.core.registry.ImagePuller;
import dev.gantry.core.registry.ImagePusher;
import dev.gantry.rest.api.ErrorMappers;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Images from and to registries, and imports: {@code POST /images/create} (pull, or import with {@code fromSrc=-}) and
 * {@code POST /images/{name}/push}. Progress streams as Docker's JSON messages; what fails before the first
 * byte is sent (an unknown manifest, refused credentials) is an ordinary Docker error with its status.
 */
@Path("/images")
public class RegistryResource {
    private static final Logger LOG = Logger.getLogger(RegistryResource.class);
    private final ImagePuller puller;
    private final ImagePusher pusher;
    private final ImageImporter importer;
    private final dev.gantry.rest.hooks.HookGate hooks;

    RegistryResource(ImagePuller puller, ImagePusher pusher, ImageImporter importer, dev.gantry.rest.hooks.HookGate hooks) {
        this.hooks = hooks;
        this.puller = puller;
        this.pusher = pusher;
        this.importer = importer;
    }

    @POST
    @Path("create")
    public Response create(@QueryParam("fromImage") String fromImage, @QueryParam("fromSrc") String fromSrc,
                           @QueryParam("repo") String repo, @QueryParam("tag") @DefaultValue("") String tag,
                           @QueryParam("changes") List<String> changes, @QueryParam("message") String message,
                           @HeaderParam("X-Registry-Auth") String auth, InputStream body) throws IOException {
        if (fromSrc != null && !fromSrc.isBlank()) {
            return importRootfs(fromSrc, repo, tag, changes == null ? List.of() : changes, message, body);
        }
        if (fromImage == null || fromImage.isBlank()) {
            return ErrorMappers.error(400, "fromImage or fromSrc is required");
        }
        Reference ref = reference(tag.isEmpty() ? fromImage : Digest.isDigest(tag) ? fromImage + "@" + tag : fromImage + ":" + tag);
        hooks.beforePull(ref);
        ImagePuller.Resolved resolved = puller.resolve(ref, Credentials.fromHeader(auth));
        StreamingOutput stream = out -> {
            JsonProgress progress = new JsonProgress(out);
            try {
                puller.pull(resolved, progress);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("pull of %s failed: %s", ref.familiar(), e.getMessage());
                progress.error(e.getMessage());
            }
        };
        return Response.ok(stream, MediaType.APPLICATION_JSON).build();
    }

    private Response importRootfs(String fromSrc, String repo, String tag, List<String> changes, String message,
                                  InputStream body) throws IOException {
        if (!fromSrc.equals("-")) {
            return ErrorMappers.error(400, "importing from " + fromSrc + " is not supported: send the archive in the request body (fromSrc=-)");
        }
        Optional<Reference> ref = repo == null || repo.isBlank() ? Optional.empty()
                : Optional.of(reference(tag.isEmpty() ? repo : repo + ":" + tag));
        var image = importer.importRootfs(body, ref, changes, message);
        return Response.ok("{\"status\":\"" + image.id() + "\"}\r\n", MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("{name: .+}/push")
    public Response push(@PathParam("name") String name, @QueryParam("tag") @DefaultValue("") String tag,
                         @HeaderParam("X-Registry-Auth") String auth) {
        Reference ref = reference(tag.isEmpty() ? name : name + ":" + tag);
        Credentials credentials = Credentials.fromHeader(auth);
        hooks.beforePush(ref);
        StreamingOutput stream = out -> {
            JsonProgress progress = new JsonProgress(out);
            try {
                pusher.push(ref, credentials, progress);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("push of %s failed: %s", ref.familiar(), e.getMessage());
                progress.error(e.getMessage());
            }
        };
        return Response.ok(stream, MediaType.APPLICATION_JSON).build();
    }

    /** A client's reference: a malformed one is the client's error (400), as dockerd answers it. */
    private static Reference reference(String s) {
        try {
            return Reference.parse(s);
        } catch (IllegalArgumentException e) {
            throw dev.gantry.core.EngineException.invalid(e.getMessage());
        }
    }
}
