package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the lifecycle needs from the volume store. */
public interface VolumeProvider {
    /** Until a volume store is set, containers cannot use volumes. */
    VolumeProvider NONE = new VolumeProvider() {
        @Override
        public Path mountpoint(String name, Optional<Path> imageContent) {
            throw EngineException.failed("volumes are not available", null);
        }

        @Override
        public void released(String name, boolean removeAnonymous) {
        }

        @Override
        public void created(List<MountPoint> mounts) {
            if (mounts.stream().anyMatch(m -> m.type().equals("volume"))) {
                throw EngineException.failed("volumes are not available", null);
            }
        }
    };

    /**
     * The host directory of volume {@code name}, creating the volume when it does not exist. When the volume is
     * new or still empty and {@code imageContent} is a directory, its files are copied in first, as Docker does.
     */
    Path mountpoint(String name, Optional<Path> imageContent);

    /** A container was created with these mounts: its volumes come to exist now. */
    void created(List<MountPoint> mounts);

    /** Notes that a container stopped using the volume, and removes an anonymous one when asked. */
    void released(String name, boolean removeAnonymous);
}
