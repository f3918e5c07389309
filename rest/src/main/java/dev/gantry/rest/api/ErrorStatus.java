package dev.gantry.rest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.core.EngineException;
import dev.gantry.core.EngineException.Kind;
import dev.gantry.core.content.DigestMismatchException;
import dev.gantry.core.layer.UnsafeArchiveException;
import dev.gantry.spi.plugin.PluginException;

/**
 * The one table from failures to Docker's status codes, for the JAX-RS resources ({@link ErrorMappers}) and the
 * Vert.x streaming routes alike. Only failures the engine classified get a client status; anything else (a
 * library's {@code IllegalArgumentException}, a bug) is a 500.
 */
public final class ErrorStatus {
    private ErrorStatus() {
    }

    /** errdefs' kinds as dockerd's {@code httpstatus.FromError} answers them. */
    public static int of(Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID -> 400;
            case NOT_MODIFIED -> 304;
            case FORBIDDEN -> 403;
            case UNAUTHORIZED -> 401;
            case UNAVAILABLE -> 503;
            case NOT_IMPLEMENTED -> 501;
            case FAILED -> 500;
        };
    }

    /** The kind of any failure: the engine's own, a plugin's reason, a refused archive or body, else a system failure. */
    public static Kind kindOf(Throwable e) {
        return switch (e) {
            case EngineException ee -> ee.kind();
            case PluginException pe -> switch (pe.reason()) {
                case NOT_FOUND -> Kind.NOT_FOUND;
                case CONFLICT -> Kind.CONFLICT;
                case INVALID -> Kind.INVALID;
                case FAILED -> Kind.FAILED;
            };
            case UnsafeArchiveException u -> Kind.INVALID;
            case DigestMismatchException d -> Kind.INVALID;
            case JsonProcessingException j -> Kind.INVALID;
            default -> Kind.FAILED;
        };
    }

    public static int of(Throwable e) {
        return of(kindOf(e));
    }

    /** The words the client gets: the failure's own, or its type when it has none. */
    public static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
