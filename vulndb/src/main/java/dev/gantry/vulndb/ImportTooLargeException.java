package dev.gantry.vulndb;

/** An import file over one of the {@link ImportLimits}: the REST surface answers it 413. */
public class ImportTooLargeException extends RuntimeException {
    public ImportTooLargeException(String message) {
        super(message);
    }
}
