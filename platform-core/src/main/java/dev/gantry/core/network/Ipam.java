package dev.gantry.core.network;

import dev.gantry.core.EngineException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Docker's default IPAM: the pools of a new network (given or chosen, never overlapping another network's, with
 * dockerd's errors) and the addresses of its endpoints (never a gateway, an auxiliary address or one in use).
 */
final class Ipam {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ipam() {
    }

    /** One {@code IPAM.Config} entry of a create request; empty optionals are chosen here. */
    record PoolRequest(Optional<String> subnet, Optional<String> gateway, Optional<String> ipRange,
                       Map<String, String> auxiliary) {
        PoolRequest {
            auxiliary = auxiliary == null ? Map.of() : Map.copyOf(auxiliary);
        }
    }

    /**
     * The pools of a new network: the requested ones checked, an IPv4 one chosen when none was given, and an
     * IPv6 one when IPv6 is enabled without a subnet.
     */
    static List<Pool> plan(List<PoolRequest> requested, boolean enableIPv6, Collection<NetworkRecord> existing,
                           Supplier<String> freeV4) {
        List<Pool> pools = new ArrayList<>();
        for (PoolRequest r : requested) {
            if (r.subnet().isEmpty()) {
                if (r.gateway().isPresent() || r.ipRange().isPresent() || !r.auxiliary().isEmpty()) {
                    throw EngineException.invalid("gateway and ip-range need a subnet: give --subnet as well");
                }
                continue;
            }
            pools.add(checked(r));
        }
        if (pools.stream().anyMatch(Pool::v6) && !enableIPv6) {
            throw EngineException.invalid("invalid pool request: IPv6 subnet " + pools.stream().filter(Pool::v6)
                    .findFirst().orElseThrow().subnet() + " given, but IPv6 is not enabled on this network (--ipv6)");
        }
        if (pools.stream().noneMatch(p -> !p.v6())) {
            String subnet = freeV4.get();
            pools.addFirst(new Pool(subnet, first(Cidr.parse(subnet)), "", Map.of(), false));
        }
        if (enableIPv6) {
            checkHostIpv6();
            if (pools.stream().noneMatch(Pool::v6)) {
                pools.add(freeV6(existing));
            }
        }
        List<Pool> ordered = new ArrayList<>(pools.stream().filter(p -> !p.v6()).toList());
        ordered.addAll(pools.stream().filter(Pool::v6).toList());
        checkOverlaps(ordered, existing);
        return ordered;
    }

    private static Pool checked(PoolRequest r) {
        Cidr subnet = Cidr.parse(r.subnet().get());
        String range = "";
        if (r.ipRange().isPresent()) {
            Cidr ipRange = Cidr.parse(r.ipRange().get());
            if (!subnet.covers(ipRange)) {
                throw EngineException.invalid("invalid ip-range " + ipRange + ": it is not within subnet " + subnet);
            }
            range = ipRange.toString();
        }
        String gateway = r.gateway().map(g -> inSubnet(subnet, g, "invalid gateway " + g + ": not in subnet " + subnet))
                .orElseGet(() -> first(subnet));
        Map<String, String> aux = new LinkedHashMap<>();
        r.auxiliary().forEach((name, ip) -> aux.put(name, inSubnet(subnet, ip,
                "invalid auxiliary address " + name + " (" + ip + "): it is not within subnet " + subnet)));
        return new Pool(subnet.toString(), gateway, range, aux, true);
    }

    private static String inSubnet(Cidr subnet, String ip, String error) {
        boolean inside;
        try {
            inside = subnet.contains(ip);
        } catch (EngineException e) {
            throw EngineException.invalid(error);
        }
        if (!inside) {
            throw EngineException.invalid(error);
        }
        return Cidr.canonical(ip);
    }

    private static String first(Cidr subnet) {
        return subnet.format(subnet.base().add(BigInteger.ONE));
    }

    /** dockerd refuses a pool that overlaps any other, of this network or another, with 403. */
    private static void checkOverlaps(List<Pool> pools, Collection<NetworkRecord> existing) {
        List<Cidr> taken = new ArrayList<>();
        existing.forEach(n -> n.pools().forEach(p -> taken.add(p.cidr())));
        for (Pool p : pools) {
            Cidr c = p.cidr();
            if (taken.stream().anyMatch(c::overlaps)) {
                throw new EngineException(EngineException.Kind.FORBIDDEN,
                        "invalid pool request: Pool overlaps with other one on this address space");
            }
            taken.add(c);
        }
    }

    /** A unique-local /64 (RFC 4193: fd and 40 random bits), as dockerd picks when IPv6 has no subnet. */
    private static Pool freeV6(Collection<NetworkRecord> existing) {
        for (int attempt = 0; attempt < 16; attempt++) {
            BigInteger global = new BigInteger(40, RANDOM);
            BigInteger base = BigInteger.valueOf(0xfd).shiftLeft(120).or(global.shiftLeft(80));
            Cidr c = new Cidr(base, 64, true);
            boolean free = existing.stream().flatMap(n -> n.pools().stream()).noneMatch(p -> p.cidr().overlaps(c));
            if (free) {
                return new Pool(c.toString(), first(c), "", Map.of(), false);
            }
        }
        throw EngineException.failed("could not find an available IPv6 address pool for the network", null);
    }

    /** A network with IPv6 needs the kernel's IPv6; say so plainly instead of failing at the first container. */
    static void checkHostIpv6() {
        Path all = Path.of("/proc/sys/net/ipv6/conf/all/disable_ipv6");
        try {
            if (!Files.exists(all) || !Files.readString(all).strip().equals("0")) {
                throw EngineException.invalid("IPv6 is disabled on this host (" + (Files.exists(all) ? all + " is 1"
                        : "no /proc/sys/net/ipv6") + "): cannot create a network with IPv6");
            }
        } catch (java.io.IOException e) {
            throw EngineException.failed("cannot read " + all + ": " + e.getMessage(), e);
        }
    }

    /**
     * An address of {@code family} on {@code n}: the requested one when free, else the first free one of the
     * pools in order (in each pool's ip-range when it has one). Never a gateway, an auxiliary address, IPv4's
     * network and broadcast addresses, or one of {@code used}.
     */
    static String pick(NetworkRecord n, boolean v6, Optional<String> requested, Set<String> used) {
        List<Pool> pools = n.pools().stream().filter(p -> p.v6() == v6).toList();
        Set<String> reserved = new java.util.HashSet<>(used);
        for (Pool p : n.pools()) {
            reserved.add(p.gateway());
            reserved.addAll(p.auxiliary().values());
        }
        if (requested.isPresent()) {
            String ip = Cidr.canonical(requested.get());
            if (pools.stream().noneMatch(p -> p.holds(ip))) {
                throw EngineException.invalid("no configured subnet contains IP address " + requested.get());
            }
            if (reserved.contains(ip)) {
                throw EngineException.conflict("Address already in use");
            }
            return ip;
        }
        for (Pool p : pools) {
            Cidr subnet = p.cidr();
            Cidr range = p.ipRange().isEmpty() ? subnet : Cidr.parse(p.ipRange());
            BigInteger from = range.base().max(subnet.base().add(BigInteger.ONE));
            BigInteger to = range.last().min(v6 ? subnet.last() : subnet.last().subtract(BigInteger.ONE));
            for (BigInteger a = from; a.compareTo(to) <= 0; a = a.add(BigInteger.ONE)) {
                String ip = subnet.format(a);
                if (!reserved.contains(ip)) {
                    return ip;
                }
            }
        }
        throw EngineException.failed("no available IPv" + (v6 ? "6" : "4") + " addresses on this network's address pools: "
                + n.name(), null);
    }
}
