package dev.gantry.rest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.core.EngineException;
import dev.gantry.core.content.DigestMismatchException;
import dev.gantry.core.layer.UnsafeArchiveException;
import dev.gantry.spi.plugin.PluginException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure leaves as Docker's {@code {"message": ...}} with Docker's status for it, from the one table in
 * {@link ErrorStatus}; a failure nobody classified (a library's {@code IllegalArgumentException} too) is a 500.
 */
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
        return error(ErrorStatus.of(e), "invalid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response plugin(PluginException e) {
        return classified(e);
    }

    /** For callers that hold an engine failure: its status from {@link ErrorStatus}. */
    public static int engineStatus(EngineException e) {
        return ErrorStatus.of(e.kind());
    }

    /** Every {@link EngineException} subtype (image, registry, build failures too). */
    @ServerExceptionMapper
    public Response engine(EngineException e) {
        return classified(e);
    }

    @ServerExceptionMapper
    public Response unsafeArchive(UnsafeArchiveException e) {
        return classified(e);
    }

    @ServerExceptionMapper
    public Response badContent(DigestMismatchException e) {
        return classified(e);
    }

    private static Response classified(Exception e) {
        int status = ErrorStatus.of(e);
        if (status == 304) {
            return Response.notModified().build();
        }
        if (status >= 500) {
            LOG.error("engine failure", e);
        }
        return error(status, e.getMessage());
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
