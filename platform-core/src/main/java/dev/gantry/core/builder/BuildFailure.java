package dev.gantry.core.builder;

import dev.gantry.core.EngineException;

/**
 * A build that stopped: a Dockerfile error, a missing source, or a RUN that exited non-zero. {@code code} is the
 * failing command's exit code (1 for the rest), as the JSON stream's {@code errorDetail.code} carries it.
 */
public final class BuildFailure extends EngineException {
    private final int code;

    public BuildFailure(String message, int code) {
        super(Kind.FAILED, message);
        this.code = code;
    }

    public BuildFailure(String message) {
        this(message, 1);
    }

    public int code() {
        return code;
    }
}
