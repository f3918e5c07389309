package dev.gantry.core.registry;

/**
 * A registry said no, in Docker's words: {@code status} is the HTTP status the engine should answer with
 * (404 for unknown manifests and repositories, 401 for refused credentials, 500 otherwise).
 */
public class RegistryException extends RuntimeException {
    private final int status;

    public RegistryException(int status, String message) {
        super(message);
        this.status = status;
    }

    public RegistryException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
