package dev.gantry.rest.server;

import dev.gantry.rest.api.DockerError;
import dev.gantry.rest.engine.GantryConfig;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DNS-rebinding defence of the TCP listener: a web page on {@code evil.example}, whose name its owner points
 * at 127.0.0.1, can make a local browser send requests to Gantry, but they carry {@code Host: evil.example}.
 * TCP requests are served only when {@code Host} is an IP literal, a {@code localhost} name, the listener's own
 * host, the machine's name or one listed in {@code gantry.tcp.allowed-hosts}. The unix socket is not checked:
 * browsers cannot reach it.
 */
@ApplicationScoped
public class HostCheck {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> names = new HashSet<>();

    HostCheck(GantryConfig config) {
        names.add(config.tcp().host().toLowerCase(Locale.ROOT));
        config.tcp().allowedHosts().orElse(List.of()).forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName().toLowerCase(Locale.ROOT));
            names.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            // a machine without a resolvable name: IP literals and the listed names still work
        }
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext rc) {
        SocketAddress local = rc.request().localAddress();
        String host = rc.request().getHeader("Host");
        if (local == null || local.isDomainSocket() || allowed(host, names)) {
            rc.next();
            return;
        }
        new DockerError("Host header " + host + " is not allowed on TCP (add it to gantry.tcp.allowed-hosts)")
                .send(rc.response(), 403);
    }

    /** Whether a TCP request's {@code Host} header names this engine rather than someone's domain. */
    static boolean allowed(String header, Set<String> names) {
        if (header == null || header.isEmpty()) {
            return true; // HTTP/1.0 without Host: no browser sends that
        }
        String host = header.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && (end == host.length() - 1 || port(host.substring(end + 1)));
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            if (!port(host.substring(colon))) {
                return false;
            }
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return IPV4.matcher(host).matches() || host.equals("localhost") || host.endsWith(".localhost")
                || names.contains(host);
    }

    private static boolean port(String colonPort) {
        return colonPort.length() > 1 && colonPort.length() <= 6 && colonPort.charAt(0) == ':'
                && colonPort.substring(1).chars().allMatch(Character::isDigit);
    }
}
