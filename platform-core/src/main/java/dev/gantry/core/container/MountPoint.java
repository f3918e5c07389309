package dev.gantry.core.container;

/**
 * One mount of a container as inspect's {@code Mounts} shows it.
 *
 * @param type        {@code volume}, {@code bind} or {@code tmpfs}
 * @param name        the volume's name, empty for binds and tmpfs
 * @param source      the host path (empty for tmpfs)
 * @param destination the path in the container
 * @param mode        the mode text the user gave ({@code ro}, {@code z}, ...)
 * @param options     the tmpfs options, or empty
 * @param subpath     for a volume, the path inside it that is mounted ({@code VolumeOptions.Subpath}), or empty
 */
public record MountPoint(String type, String name, String source, String destination, String driver, String mode,
                         boolean rw, String propagation, String options, String subpath) {
    public MountPoint {
        subpath = subpath == null ? "" : subpath;
    }

    /** A mount of a whole volume, or of anything else. */
    public MountPoint(String type, String name, String source, String destination, String driver, String mode,
                      boolean rw, String propagation, String options) {
        this(type, name, source, destination, driver, mode, rw, propagation, options, "");
    }
}
