package dev.gantry.core.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.EngineException;

/** Docker's restart policies: {@code no}, {@code on-failure[:N]}, {@code always}, {@code unless-stopped}. */
public record RestartPolicy(String name, int maximumRetryCount) {
    public static RestartPolicy of(JsonNode hostConfig) {
        JsonNode p = hostConfig.path("RestartPolicy");
        String name = p.path("Name").asText("");
        return new RestartPolicy(name.isEmpty() ? "no" : name, p.path("MaximumRetryCount").asInt(0));
    }

    public void validate(boolean autoRemove) {
        switch (name) {
            case "no", "always", "unless-stopped", "on-failure" -> { }
            default -> throw EngineException.invalid("invalid restart policy '" + name + "'");
        }
        if (maximumRetryCount < 0) {
            throw EngineException.invalid("invalid restart policy: maximum retry count cannot be negative");
        }
        if (maximumRetryCount > 0 && !name.equals("on-failure")) {
            throw EngineException.invalid("invalid restart policy: maximum retry count can only be used with 'on-failure'");
        }
        if (autoRemove && !name.equals("no")) {
            throw EngineException.invalid("can't create 'AutoRemove' container with restart policy");
        }
    }

    /** Whether the container's exit should bring a restart. */
    boolean shouldRestart(Container c) {
        if (c.manuallyStopped()) {
            return false;
        }
        return switch (name) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> c.state().exitCode() != 0
                    && (maximumRetryCount == 0 || c.restartCount() < maximumRetryCount);
            default -> false;
        };
    }

    /** Docker's back-off: 100 ms doubling per restart, at most a minute. */
    static long delayMs(int restartCount) {
        long d = 100L << Math.min(Math.max(restartCount - 1, 0), 10);
        return Math.min(d, 60_000);
    }
}
