package dev.gantry.core.container.config;

/** A {@code --device}: a host device node made visible in the container. */
public record DeviceMapping(String pathOnHost, String pathInContainer, String cgroupPermissions) {
    public DeviceMapping {
        pathOnHost = Values.text(pathOnHost);
        pathInContainer = Values.text(pathInContainer);
        cgroupPermissions = Values.text(cgroupPermissions);
    }
}
