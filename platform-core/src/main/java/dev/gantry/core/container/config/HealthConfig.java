package dev.gantry.core.container.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Docker's {@code Healthcheck}: the test ({@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]}, {@code ["NONE"]};
 * empty inherits the image's) and its timings in nanoseconds, 0 for the default.
 */
public record HealthConfig(List<String> test, long interval, long timeout, long startPeriod, long startInterval,
                           int retries) {
    public HealthConfig {
        test = test == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(test));
    }

    /** Docker's merge: each field the user set (non-empty, non-zero) over the image's. */
    public HealthConfig over(HealthConfig image) {
        if (image == null) {
            return this;
        }
        return new HealthConfig(test.isEmpty() ? image.test : test, interval != 0 ? interval : image.interval,
                timeout != 0 ? timeout : image.timeout, startPeriod != 0 ? startPeriod : image.startPeriod,
                startInterval != 0 ? startInterval : image.startInterval, retries != 0 ? retries : image.retries);
    }
}
