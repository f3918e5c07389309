package dev.gantry.rest.server;

import dev.gantry.rest.engine.GantryConfig;
import io.quarkus.runtime.PreventFurtherStepsException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.DomainSocketServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The rules for where Gantry listens: the socket is 0660 (root and its group, as Docker's) from the moment it
 * can be reached ({@link SocketPlacement}), TCP only with mutual TLS unless plain TCP is asked for by name
 * ({@code --tcp-insecure}, {@link TcpRule}), {@code /var/run/docker.sock} on request, and no socket file left behind.
 */
@ApplicationScoped
public class Listeners {
    private static final Logger LOG = Logger.getLogger(Listeners.class);
    static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

    private final GantryConfig config;
    private boolean linkedDockerSocket;

    Listeners(GantryConfig config) {
        this.config = config;
    }

    void checkTcp(@Observes StartupEvent ev) {
        var tcp = config.tcp();
        // the launcher has applied the same rule before starting us; this is for any other way of starting
        TcpRule.refusal(tcp.enabled(), tcp.host(), mutualTls(), tcp.insecure()).ifPresent(reason -> {
            throw new PreventFurtherStepsException("gantry: " + reason, 2);
        });
        if (tcp.enabled() && !mutualTls()) {
            LOG.warn(TcpRule.warning(tcp.host(), tcp.port()));
        }
    }

    private static boolean mutualTls() {
        var c = ConfigProvider.getConfig();
        boolean clientAuth = c.getOptionalValue("quarkus.http.ssl.client-auth", String.class)
                .map(v -> v.equalsIgnoreCase("required")).orElse(false);
        boolean cert = c.getOptionalValue("quarkus.http.ssl.certificate.files", String.class).isPresent();
        return clientAuth && cert;
    }

    void socketBound(@ObservesAsync DomainSocketServerStart ev) {
        Path socket = config.socket();
        SocketPlacement.place(config.bindSocket().orElse(socket), socket, config.socketGroup());
        if (config.dockerSocket()) {
            linkDockerSocket(socket);
        }
        LOG.infof("Gantry is listening on unix://%s (data root %s)", socket, config.dataRoot());
    }

    /** A symlink, so clients that only know Docker's path reach the same listener. */
    private void linkDockerSocket(Path socket) {
        try {
            if (Files.exists(DOCKER_SOCKET, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isSymbolicLink(DOCKER_SOCKET) && inUse(DOCKER_SOCKET)) {
                    LOG.warnf("%s belongs to a running engine; not taking it over", DOCKER_SOCKET);
                    return;
                }
                Files.delete(DOCKER_SOCKET);
            }
            Files.createDirectories(DOCKER_SOCKET.getParent());
            Files.createSymbolicLink(DOCKER_SOCKET, socket.toAbsolutePath());
            linkedDockerSocket = true;
        } catch (IOException e) {
            LOG.warnf("cannot bind %s: %s", DOCKER_SOCKET, e.getMessage());
        }
    }

    static boolean inUse(Path socket) {
        try (var ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket))) {
            return ch.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        try {
            if (linkedDockerSocket && Files.isSymbolicLink(DOCKER_SOCKET)
                    && Files.readSymbolicLink(DOCKER_SOCKET).equals(config.socket().toAbsolutePath())) {
                Files.delete(DOCKER_SOCKET);
            }
            Files.deleteIfExists(config.socket());
        } catch (IOException e) {
            LOG.warnf("cannot remove %s: %s", config.socket(), e.getMessage());
        }
    }
}
