package dev.gantry.core.container;

import java.nio.file.Path;
import java.util.Optional;

/** What the lifecycle needs from the volume store. */
public interface VolumeProvider {
    /**
     * The host directory of volume {@code name}, creating the volume when it does not exist. When the volume is
     * new or still empty and {@code imageContent} is a directory, its files are copied in first, as Docker does.
     */
    Path mountpoint(String name, Optional<Path> imageContent);

    /** A container was created with these mounts: its volumes come to exist now. */
    void created(java.util.List<MountPoint> mounts);

    /** Notes that a container stopped using the volume, and removes an anonymous one when asked. */
    void released(String name, boolean removeAnonymous);
}
