package dev.gantry.core.container.config;

/** One host address a container port is published on ({@code ""} for any address, or any port). */
public record PortBinding(String hostIp, String hostPort) {
    public PortBinding {
        hostIp = Values.text(hostIp);
        hostPort = Values.text(hostPort);
    }
}
