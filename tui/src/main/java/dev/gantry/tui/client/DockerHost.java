package dev.gantry.tui.client;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the engine listens, as docker's {@code DOCKER_HOST} names it: {@code unix:///path}, a bare path, or
 * {@code tcp://host:port}. The dashboard picks {@code --host}, then {@code --socket}, then {@code DOCKER_HOST}, then
 * Gantry's own socket.
 */
public record DockerHost(Path socket, String tcpHost, int tcpPort) {
    public static final String GANTRY_SOCKET = "/run/gantry/gantry.sock";

    public static DockerHost parse(String spec) {
        if (spec.startsWith("unix://")) {
            return new DockerHost(Path.of(spec.substring("unix://".length())), null, 0);
        }
        if (spec.startsWith("tcp://") || spec.startsWith("http://")) {
            String rest = spec.substring(spec.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            if (slash >= 0) {
                rest = rest.substring(0, slash);
            }
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                return new DockerHost(null, rest, 2375);
            }
            String host = rest.substring(0, colon).replace("[", "").replace("]", "");
            return new DockerHost(null, host, Integer.parseInt(rest.substring(colon + 1)));
        }
        if (spec.startsWith("/")) {
            return new DockerHost(Path.of(spec), null, 0);
        }
        throw new IllegalArgumentException("unsupported host " + spec + " (unix:///path or tcp://host:port)");
    }

    /** Picks the host from the command line and the environment. */
    public static DockerHost choose(String[] args, Map<String, String> env) {
        String host = null;
        String socket = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--host") || args[i].equals("-H")) {
                host = args[i + 1];
            } else if (args[i].equals("--socket")) {
                socket = args[i + 1];
            }
        }
        if (host != null) {
            return parse(host);
        }
        if (socket != null) {
            return parse(socket);
        }
        String fromEnv = env.get("DOCKER_HOST");
        return parse(fromEnv == null || fromEnv.isBlank() ? GANTRY_SOCKET : fromEnv);
    }

    public Transport transport() {
        return socket != null ? new UnixTransport(socket) : new TcpTransport(tcpHost, tcpPort);
    }

    @Override
    public String toString() {
        return socket != null ? "unix://" + socket : "tcp://" + tcpHost + ":" + tcpPort;
    }
}
