package dev.gantry.core.container.config;

/**
 * A block device's weight ({@code BlkioWeightDevice}: {@code Weight}) or throttle ({@code BlkioDevice*Bps},
 * {@code *IOps}: {@code Rate}); {@code value} is the one or the other.
 */
public record BlkioDevice(String path, long value) {
    public BlkioDevice {
        path = Values.text(path);
    }
}
