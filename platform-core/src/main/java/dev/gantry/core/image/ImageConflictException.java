package dev.gantry.core.image;

import dev.gantry.core.EngineException;

/** The image cannot be removed as asked (Docker's 409); the message says why. */
public class ImageConflictException extends EngineException {
    public ImageConflictException(String message) {
        super(Kind.CONFLICT, message);
    }
}
