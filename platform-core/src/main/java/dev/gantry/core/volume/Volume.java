package dev.gantry.core.volume;

import java.time.Instant;
import java.util.Map;

/**
 * A volume as Docker's API shows it.
 *
 * @param anonymous made for a container's unnamed mount or the image's VOLUME; removed with {@code rm -v}
 */
public record Volume(String name, String driver, String mountpoint, Instant createdAt, Map<String, String> labels,
                     Map<String, String> options, boolean anonymous) {
    public Volume {
        labels = Map.copyOf(labels);
        options = Map.copyOf(options);
    }
}
