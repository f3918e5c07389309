package dev.gantry.tui.client;

import java.io.IOException;

/** The engine answered, but not with a 2xx: its status and Docker's {@code {"message": ...}}. */
public final class EngineException extends IOException {
    private final int status;

    public EngineException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
