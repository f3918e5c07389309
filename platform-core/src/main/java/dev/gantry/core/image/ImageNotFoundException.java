package dev.gantry.core.image;

/** No image answers to that name or ID; the message is Docker's. */
public class ImageNotFoundException extends RuntimeException {
    public ImageNotFoundException(String name) {
        super("No such image: " + name);
    }
}
