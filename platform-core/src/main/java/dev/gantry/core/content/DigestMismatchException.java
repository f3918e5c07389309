package dev.gantry.core.content;

import java.io.IOException;

/** Content did not hash to the digest it was announced with; nothing was stored. */
public class DigestMismatchException extends IOException {
    public DigestMismatchException(Digest expected, Digest actual) {
        super("digest mismatch: expected " + expected + ", got " + actual);
    }
}
