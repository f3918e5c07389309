package dev.gantry.core.image;

import dev.gantry.core.EngineException;

/** No image answers to that name or ID; the message is Docker's. */
public class ImageNotFoundException extends EngineException {
    public ImageNotFoundException(String name) {
        super(Kind.NOT_FOUND, "No such image: " + name);
    }
}
