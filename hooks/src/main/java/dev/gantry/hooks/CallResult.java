package dev.gantry.hooks;

import java.time.Duration;
import java.util.List;

/**
 * What one call of a hook function came to.
 *
 * @param kind      returned normally, threw, or was stopped at its time limit
 * @param value     the returned value as JSON ({@code null} for nothing), when it returned
 * @param error     the guest's error message, when it threw or timed out
 * @param recorded  the gantry writes a dry run recorded
 * @param duration  how long the call took, waiting for the file's context included
 */
public record CallResult(Kind kind, String value, String error, List<GantryApi.Call> recorded, Duration duration) {
    public enum Kind { RETURNED, THREW, TIMEOUT }
}
