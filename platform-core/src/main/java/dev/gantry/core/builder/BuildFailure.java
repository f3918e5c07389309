package dev.gantry.core.builder;

/**
 * A build that stopped: a Dockerfile error, a missing source, or a RUN that exited non-zero. {@code code} is the
 * failing command's exit code (1 for the rest), as the JSON stream's {@code errorDetail.code} carries it.
 */
public final class BuildFailure extends RuntimeException {
    private final int code;

    public BuildFailure(String message, int code) {
        super(message);
        this.code = code;
    }

    public BuildFailure(String message) {
        this(message, 1);
    }

    public int code() {
        return code;
    }
}
