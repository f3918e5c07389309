package dev.gantry.core.network;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A network as the engine keeps it.
 *
 * @param pools      its IPAM pools, IPv4 first; empty for host and none
 * @param enableIPv6 Docker's {@code EnableIPv6}: containers get an address of its IPv6 pool too
 * @param builtIn    one of the three networks every engine has (bridge, host, none): they cannot be removed
 */
public record NetworkRecord(String id, String name, String driver, List<Pool> pools, boolean internal,
                            boolean attachable, boolean enableIPv6, Map<String, String> labels,
                            Map<String, String> options, Instant created, boolean builtIn) {
    public NetworkRecord {
        pools = pools == null ? List.of() : List.copyOf(pools);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** The first IPv4 pool, which carries the container's main address. */
    public Optional<Pool> pool4() {
        return pools.stream().filter(p -> !p.v6()).findFirst();
    }

    /** The IPv6 pool, when IPv6 is enabled. */
    public Optional<Pool> pool6() {
        return enableIPv6 ? pools.stream().filter(Pool::v6).findFirst() : Optional.empty();
    }

    /** The pool an address belongs to. */
    public Optional<Pool> poolOf(String address) {
        return pools.stream().filter(p -> p.holds(address)).findFirst();
    }

    /** CIDR of the first IPv4 pool, empty for host and none. */
    public String subnet() {
        return pool4().map(Pool::subnet).orElse("");
    }

    public String gateway() {
        return pool4().map(Pool::gateway).orElse("");
    }

    public int prefixLength() {
        return pool4().map(Pool::prefixLength).orElse(0);
    }

    /** The prefix length of the pool that holds {@code address}. */
    public int prefixLength(String address) {
        return poolOf(address).map(Pool::prefixLength).orElse(0);
    }

    /** The user gave the IPv4 subnet, so containers may ask for fixed IPv4 addresses in it (Docker's rule). */
    public boolean configured() {
        return pool4().map(Pool::configured).orElse(false);
    }

    /** User-defined bridges resolve their containers' names; the default bridge does not, as in Docker. */
    public boolean resolvesNames() {
        return !builtIn && driver.equals("bridge");
    }
}
