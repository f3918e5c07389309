package dev.gantry.core.network;

import dev.gantry.core.container.config.EndpointConfig;
import dev.gantry.core.EngineException;
import java.util.List;
import java.util.Optional;

/**
 * Docker's {@code EndpointSettings} of a container on one network, as a create or a connect gives them: what
 * Gantry keeps of them, checked against dockerd's rules, and what they ask IPAM for.
 */
final class EndpointSettings {
    private EndpointSettings() {
    }

    /**
     * The endpoint settings Gantry keeps (aliases, fixed addresses, link-local addresses, a MAC), checked against
     * Docker's rules.
     */
    static EndpointConfig checked(NetworkRecord n, EndpointConfig given) {
        List<String> aliases = given.aliases().stream().filter(a -> !a.isEmpty()).toList();
        String ip = given.ipv4Address();
        String ip6 = given.ipv6Address();
        if (!n.resolvesNames() && (!aliases.isEmpty() || !ip.isEmpty() || !ip6.isEmpty())) {
            throw EngineException.invalid(!ip.isEmpty() || !ip6.isEmpty() ? "user specified IP address is supported on user defined networks only"
                    : "network-scoped alias is supported only for containers in user defined networks");
        }
        if (!ip.isEmpty()) {
            if (!n.configured()) {
                throw EngineException.invalid("user specified IP address is supported only when connecting to networks with user configured subnets");
            }
            Subnets.parse(ip);
        }
        if (!ip6.isEmpty()) {
            if (n.pool6().filter(Pool::configured).isEmpty()) {
                throw EngineException.invalid("user specified IP address is supported only when connecting to networks with user configured subnets");
            }
            if (!Cidr.isV6(ip6)) {
                throw EngineException.invalid("invalid IPv6 address: " + ip6);
            }
            ip6 = Cidr.canonical(ip6);
        }
        List<String> linkLocal = given.linkLocalIps().stream().map(Cidr::canonical).toList();
        String mac = given.macAddress().isEmpty() ? "" : Macs.parse(given.macAddress());
        return new EndpointConfig(aliases, ip, ip6, linkLocal, mac, List.of());
    }

    /** What an endpoint's settings ask IPAM for. */
    static NetworkStore.Wanted wanted(EndpointConfig settings) {
        return new NetworkStore.Wanted(text(settings.ipv4Address()), text(settings.ipv6Address()),
                text(settings.macAddress()), settings.linkLocalIps());
    }

    private static Optional<String> text(String v) {
        return Optional.of(v).filter(s -> !s.isEmpty());
    }
}
