package dev.gantry.core;

/**
 * A failure the API shows to the caller as it is, with the kind deciding Docker's status code: the request named
 * something missing (404), conflicts with the current state (409), is malformed (400), asks for what is already
 * so (304), is never allowed (403), or the engine failed (500).
 */
public class EngineException extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT, INVALID, NOT_MODIFIED, FORBIDDEN, FAILED }

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

    public static EngineException failed(String message, Throwable cause) {
        return new EngineException(Kind.FAILED, message, cause);
    }
}
