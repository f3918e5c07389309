package dev.gantry.rest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.core.EngineException;
import dev.gantry.core.content.DigestMismatchException;
import dev.gantry.core.image.ImageConflictException;
import dev.gantry.core.image.ImageNotFoundException;
import dev.gantry.core.layer.UnsafeArchiveException;
import dev.gantry.core.registry.RegistryException;
import dev.gantry.spi.plugin.PluginException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure leaves as Docker's {@code {"message": ...}} with Docker's status for it. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new DockerError(message).json()).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // JAX-RS's own 404 means no resource matched, its 405 that one matched under another method: dockerd's
        // router answers both "page not found"
        if (status == 404 || status == 405) {
            return error(404, "page not found");
        }
        return error(status, e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage());
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return error(400, "invalid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return error(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response plugin(PluginException e) {
        int status = switch (e.reason()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID -> 400;
            case FAILED -> 500;
        };
        if (status == 500) {
            LOG.error("plugin failure", e);
        }
        return error(status, e.getMessage());
    }

    public static int engineStatus(EngineException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID -> 400;
            case NOT_MODIFIED -> 304;
            case FORBIDDEN -> 403;
            case FAILED -> 500;
        };
    }

    @ServerExceptionMapper
    public Response engine(EngineException e) {
        int status = engineStatus(e);
        if (status == 304) {
            return Response.notModified().build();
        }
        if (status == 500) {
            LOG.error("engine failure", e);
        }
        return error(status, e.getMessage());
    }

    @ServerExceptionMapper
    public Response noImage(ImageNotFoundException e) {
        return error(404, e.getMessage());
    }

    @ServerExceptionMapper
    public Response imageConflict(ImageConflictException e) {
        return error(409, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unsafeArchive(UnsafeArchiveException e) {
        return error(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badContent(DigestMismatchException e) {
        return error(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response registry(RegistryException e) {
        return error(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response io(java.io.IOException e) {
        LOG.error("I/O failure", e);
        return error(500, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return error(500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
