package dev.gantry.spi.plugin;

/**
 * A plugin operation failed. The message is written for the end user: it reaches them as Docker's
 * {@code {"message": ...}}.
 */
public class PluginException extends RuntimeException {
    private final Reason reason;

    /** Lets the engine choose the HTTP status without parsing messages. */
    public enum Reason { NOT_FOUND, CONFLICT, INVALID, FAILED }

    public PluginException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PluginException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static PluginException notFound(String message) {
        return new PluginException(Reason.NOT_FOUND, message);
    }

    public static PluginException conflict(String message) {
        return new PluginException(Reason.CONFLICT, message);
    }

    public static PluginException failed(String message, Throwable cause) {
        return new PluginException(Reason.FAILED, message, cause);
    }
}
