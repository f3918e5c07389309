package dev.gantry.core.image;

/** The image cannot be removed as asked (Docker's 409); the message says why. */
public class ImageConflictException extends RuntimeException {
    public ImageConflictException(String message) {
        super(message);
    }
}
