package dev.gantry.hooks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The functions a hook file may export. Policy events run on the caller's thread before the operation and may
 * deny it (or, for {@code beforeCreate}, change it); observer events run afterwards on the dispatcher's thread.
 */
public enum HookEvent {
    BEFORE_CREATE("beforeCreate", true),
    BEFORE_START("beforeStart", true),
    BEFORE_EXEC("beforeExec", true),
    BEFORE_PULL("beforePull", true),
    BEFORE_PUSH("beforePush", true),
    BEFORE_BUILD("beforeBuild", true),
    AFTER_CREATE("afterCreate", false),
    AFTER_START("afterStart", false),
    AFTER_EXIT("afterExit", false),
    AFTER_REMOVE("afterRemove", false),
    ON_HEALTH("onHealth", false),
    AFTER_PULL("afterPull", false),
    AFTER_BUILD("afterBuild", false),
    ON_SCHEDULE("onSchedule", false);

    /** Policy calls sit in the request path: a tight bound. */
    public static final Duration POLICY_TIMEOUT = Duration.ofMillis(50);
    /** Observers and schedules may call the engine (stop, remove): a looser one. */
    public static final Duration OBSERVER_TIMEOUT = Duration.ofSeconds(5);

    private final String function;
    private final boolean policy;

    HookEvent(String function, boolean policy) {
        this.function = function;
        this.policy = policy;
    }

    /** The exported function's name, also the event's name in the API, spans and metrics. */
    public String function() {
        return function;
    }

    public boolean policy() {
        return policy;
    }

    public Duration defaultTimeout() {
        return policy ? POLICY_TIMEOUT : OBSERVER_TIMEOUT;
    }

    public static Optional<HookEvent> named(String function) {
        return Arrays.stream(values()).filter(e -> e.function.equals(function)).findFirst();
    }
}
