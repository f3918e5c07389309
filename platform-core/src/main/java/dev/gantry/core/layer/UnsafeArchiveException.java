package dev.gantry.core.layer;

import java.io.IOException;

/** An archive tried to write outside its target, or broke a limit. Nothing of the layer is kept. */
public class UnsafeArchiveException extends IOException {
    public UnsafeArchiveException(String message) {
        super(message);
    }
}
