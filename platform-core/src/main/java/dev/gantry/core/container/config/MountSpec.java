package dev.gantry.core.container.config;

import java.util.List;
import java.util.Map;

/**
 * One {@code --mount} as the request gives it (Docker's {@code mount.Mount}); {@code null} options were not given.
 *
 * @param type bind, volume, tmpfs (or image, npipe, cluster, which the engine refuses)
 */
public record MountSpec(String type, String source, String target, boolean readOnly, String consistency,
                        Bind bind, Volume volume, Image image, Tmpfs tmpfs) {
    public MountSpec {
        type = Values.text(type);
        source = Values.text(source);
        target = Values.text(target);
        consistency = Values.text(consistency);
    }

    /** {@code BindOptions}. */
    public record Bind(String propagation, boolean nonRecursive, boolean createMountpoint,
                       boolean readOnlyNonRecursive, boolean readOnlyForceRecursive) {
        public Bind {
            propagation = Values.text(propagation);
        }
    }

    /** {@code VolumeOptions}; {@code driverName} and {@code driverOptions} are its {@code DriverConfig}. */
    public record Volume(boolean noCopy, Map<String, String> labels, String subpath, boolean hasDriver,
                         String driverName, Map<String, String> driverOptions) {
        public Volume {
            labels = Values.map(labels);
            subpath = Values.text(subpath);
            driverName = Values.text(driverName);
            driverOptions = Values.map(driverOptions);
        }
    }

    /** {@code ImageOptions}. */
    public record Image(String subpath) {
        public Image {
            subpath = Values.text(subpath);
        }
    }

    /** {@code TmpfsOptions}: size in bytes, the mode's permission bits, extra options as key/value pairs. */
    public record Tmpfs(long sizeBytes, int mode, List<List<String>> options) {
        public Tmpfs {
            options = options == null ? null : options.stream().map(List::copyOf).toList();
        }
    }

    public String volumeSubpath() {
        return volume == null ? "" : volume.subpath();
    }
}
