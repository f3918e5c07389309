package dev.gantry.core.container.config;

import dev.gantry.core.EngineException;

/** Docker's restart policies: {@code no}, {@code on-failure[:N]}, {@code always}, {@code unless-stopped}. */
public record RestartPolicy(String name, int maximumRetryCount) {
    public static final RestartPolicy NO = new RestartPolicy("no", 0);

    public RestartPolicy {
        name = Values.text(name);
    }

    /** The name, {@code no} when none was given. */
    public String nameOrNo() {
        return name.isEmpty() ? "no" : name;
    }

    public void validate(boolean autoRemove) {
        String n = nameOrNo();
        switch (n) {
            case "no", "always", "unless-stopped", "on-failure" -> { }
            default -> throw EngineException.invalid("invalid restart policy '" + n + "'");
        }
        if (maximumRetryCount < 0) {
            throw EngineException.invalid("invalid restart policy: maximum retry count cannot be negative");
        }
        if (maximumRetryCount > 0 && !n.equals("on-failure")) {
            throw EngineException.invalid("invalid restart policy: maximum retry count can only be used with 'on-failure'");
        }
        if (autoRemove && !n.equals("no")) {
            throw EngineException.invalid("can't create 'AutoRemove' container with restart policy");
        }
    }

    /** Whether an exit with this code, after this many restarts, brings another one. */
    public boolean restartsAfter(int exitCode, int restartCount, boolean manuallyStopped) {
        if (manuallyStopped) {
            return false;
        }
        return switch (nameOrNo()) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> exitCode != 0 && (maximumRetryCount == 0 || restartCount < maximumRetryCount);
            default -> false;
        };
    }

    /** Docker's back-off: 100 ms doubling per restart, at most a minute. */
    public static long delayMs(int restartCount) {
        long d = 100L << Math.min(Math.max(restartCount - 1, 0), 10);
        return Math.min(d, 60_000);
    }
}
