package dev.gantry.core.network;

import dev.gantry.core.EngineException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** IPv4 arithmetic for IPAM: CIDRs as base address and prefix, addresses as unsigned ints. */
final class Subnets {
    /** Where default subnets come from, in order; any that overlaps a host route or a network is skipped. */
    static final List<String> POOLS;

    static {
        java.util.ArrayList<String> pools = new java.util.ArrayList<>();
        for (int i = 17; i <= 31; i++) {
            pools.add("172." + i + ".0.0/16");
        }
        for (int i = 0; i < 256; i += 16) {
            pools.add("192.168." + i + ".0/20");
        }
        POOLS = List.copyOf(pools);
    }

    private Subnets() {
    }

    static long parse(String ip) {
        String[] p = ip.split("\\.");
        if (p.length != 4) {
            throw EngineException.invalid("invalid IPv4 address: " + ip);
        }
        long v = 0;
        for (String part : p) {
            int b = Integer.parseInt(part);
            if (b < 0 || b > 255) {
                throw EngineException.invalid("invalid IPv4 address: " + ip);
            }
            v = (v << 8) | b;
        }
        return v;
    }

    static String format(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    static long base(String cidr) {
        return parse(cidr.substring(0, cidr.indexOf('/'))) & mask(prefix(cidr));
    }

    static int prefix(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw EngineException.invalid("invalid CIDR address: " + cidr);
        }
        int p = Integer.parseInt(cidr.substring(slash + 1));
        if (p < 8 || p > 30) {
            throw EngineException.invalid("invalid subnet size: " + cidr);
        }
        return p;
    }

    static long mask(int prefix) {
        return (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    static long size(String cidr) {
        return 1L << (32 - prefix(cidr));
    }

    static boolean contains(String cidr, long address) {
        return (address & mask(prefix(cidr))) == base(cidr);
    }

    /** Also for host routes, which may be as narrow as /32: only the user's subnets have a size rule. */
    static boolean overlaps(String a, String b) {
        int p = Math.min(anyPrefix(a), anyPrefix(b));
        return (parse(a.substring(0, a.indexOf('/'))) & mask(p)) == (parse(b.substring(0, b.indexOf('/'))) & mask(p));
    }

    private static int anyPrefix(String cidr) {
        int p = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        if (p < 0 || p > 32) {
            throw EngineException.invalid("invalid CIDR address: " + cidr);
        }
        return p;
    }

    /** The first pool that overlaps none of {@code taken}. */
    static Optional<String> free(Collection<String> taken) {
        return POOLS.stream().filter(pool -> taken.stream().noneMatch(t -> overlaps(pool, t))).findFirst();
    }

    /**
     * The host's IPv4 routes as CIDRs (default, single-host and reject routes excluded), from the kernel's main
     * table in {@code /proc/net/route}: what {@code ip -4 route show} lists, without starting a process at every
     * first start of a data root (docs/benchmarks-startup.md).
     */
    static List<String> hostRoutes() {
        try {
            return routesIn(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/net/route")));
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static final int RTF_REJECT = 0x0200;

    /** Parses {@code /proc/net/route}: addresses and masks are the kernel's little-endian hex words. */
    static List<String> routesIn(String table) {
        List<String> routes = new java.util.ArrayList<>();
        for (String line : table.lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                long dest = Integer.toUnsignedLong(Integer.reverseBytes(Integer.parseUnsignedInt(f[1], 16)));
                int mask = Integer.reverseBytes(Integer.parseUnsignedInt(f[7], 16));
                int flags = Integer.parseInt(f[3], 16);
                int prefix = Integer.bitCount(mask);
                if (prefix == 0 || prefix == 32 || (flags & RTF_REJECT) != 0) {
                    continue;
                }
                routes.add(format(dest) + "/" + prefix);
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        return routes;
    }
}
