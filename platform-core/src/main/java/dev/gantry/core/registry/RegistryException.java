package dev.gantry.core.registry;

import dev.gantry.core.EngineException;

/**
 * A registry said no, in Docker's words: {@code status} is the HTTP status the engine should answer with
 * (404 for unknown manifests and repositories, 401 for refused credentials, 500 otherwise).
 */
public class RegistryException extends EngineException {
    private final int status;

    public RegistryException(int status, String message) {
        super(kindOf(status), message);
        this.status = status;
    }

    public RegistryException(int status, String message, Throwable cause) {
        super(kindOf(status), message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    private static Kind kindOf(int status) {
        return switch (status) {
            case 401 -> Kind.UNAUTHORIZED;
            case 404 -> Kind.NOT_FOUND;
            default -> Kind.FAILED;
        };
    }
}
