package dev.gantry.spi.network;

/**
 * A published port: traffic to {@code hostIp:hostPort} goes to the container's {@code containerPort}.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param hostIp   the host address to bind, {@code 0.0.0.0} for all
 */
public record PortBinding(String protocol, int containerPort, String hostIp, int hostPort) {
}
