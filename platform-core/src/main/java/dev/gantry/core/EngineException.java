package dev.gantry.core;

/**
 * The engine's one error model, after moby's {@code errdefs}: a failure the API shows to the caller as it is, with
 * its kind deciding Docker's status code (the table is {@code rest/api/ErrorStatus}, used by every route). Other
 * failures of the engine are subtypes ({@code ImageNotFoundException}, {@code RegistryException}, ...); anything
 * that is not an {@code EngineException} (a library's {@code IllegalArgumentException} too) is a system failure.
 */
public class EngineException extends RuntimeException {
    /**
     * What went wrong: the request named something missing, conflicts with the current state, is malformed, asks
     * for what is already so, is never allowed, lacks credentials, needs what is not there now, asks for what is not
     * implemented; or the engine itself failed ({@code FAILED}, errdefs' System).
     */
    public enum Kind { NOT_FOUND, CONFLICT, INVALID, NOT_MODIFIED, FORBIDDEN, UNAUTHORIZED, UNAVAILABLE, NOT_IMPLEMENTED, FAILED }

    private final Kind kind;

    public EngineException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public EngineException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static EngineException notFound(String message) {
        return new EngineException(Kind.NOT_FOUND, message);
    }

    public static EngineException conflict(String message) {
        return new EngineException(Kind.CONFLICT, message);
    }

    public static EngineException invalid(String message) {
        return new EngineException(Kind.INVALID, message);
    }

    public static EngineException notModified() {
        return new EngineException(Kind.NOT_MODIFIED, "");
    }

    public static EngineException unavailable(String message) {
        return new EngineException(Kind.UNAVAILABLE, message);
    }

    public static EngineException forbidden(String message) {
        return new EngineException(Kind.FORBIDDEN, message);
    }

    public static EngineException failed(String message, Throwable cause) {
        return new EngineException(Kind.FAILED, message, cause);
    }
}
