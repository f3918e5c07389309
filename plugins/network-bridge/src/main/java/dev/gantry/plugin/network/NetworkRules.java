package dev.gantry.plugin.network;

import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.network.Subnet;
import java.util.List;

/**
 * What may cross one bridge, Docker's model, for one address family:
 * <ul>
 *   <li>containers on different networks do not reach each other: new traffic from one Gantry bridge to another
 *       is dropped in the shared isolation chains (replies and DNATed traffic to published ports pass);</li>
 *   <li>from outside, only published ports (DNATed) and replies get in;</li>
 *   <li>{@code enable_icc=false}: nothing between the bridge's own containers;</li>
 *   <li>internal networks: nothing out, neither forwarded nor to the host's addresses beyond the network;</li>
 *   <li>loopback: the bridge routes 127.0.0.0/8 (so 127.0.0.1-published ports work), so a packet a container
 *       addresses to 127.0.0.0/8 is dropped before routing (CVE-2020-8558). Replies of the host's own
 *       connections to a 127.0.0.1 port come back to the gateway address (they are masqueraded on the way in),
 *       so the raw table may drop on the address alone, ahead of whatever the host's filter rules accept.</li>
 * </ul>
 * Every rule carries the network's tag; the shared chains and their jumps carry {@link #SHARED}.
 */
final class NetworkRules {
    static final String SHARED = "gantry:chain";
    static final String ISOLATION_1 = "GANTRY-ISOLATION-1";
    static final String ISOLATION_2 = "GANTRY-ISOLATION-2";

    private NetworkRules() {
    }

    static String internalChain(NetworkSpec spec) {
        return "GANTRY-INT-" + spec.id().substring(0, 12);
    }

    static void apply(Firewall fw, boolean v6, NetworkSpec spec, String br, String t, boolean icc) {
        isolation(fw, br, t);
        fw.insert("raw", "PREROUTING", List.of("-i", br, "-d", v6 ? "::1/128" : "127.0.0.0/8", "-j", "DROP"), t);
        if (!icc) {
            fw.rule("filter", "FORWARD", List.of("-i", br, "-o", br, "-j", "DROP"), t);
        }
        if (spec.internal()) {
            fw.rule("filter", "FORWARD", List.of("-i", br, "!", "-o", br, "-j", "DROP"), t);
            fw.rule("filter", "FORWARD", List.of("!", "-i", br, "-o", br, "-j", "DROP"), t);
            fw.rule("filter", "FORWARD", List.of("-i", br, "-o", br, "-j", "ACCEPT"), t);
            internalStaysIn(fw, v6, spec, br, t);
        } else {
            fw.rule("filter", "FORWARD", List.of("-i", br, "-j", "ACCEPT"), t);
            fw.rule("filter", "FORWARD", List.of("-o", br, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED,DNAT", "-j", "ACCEPT"), t);
            fw.rule("filter", "FORWARD", List.of("-o", br, "-j", "DROP"), t);
        }
    }

    /** Stage 1 sends what leaves this bridge for another to stage 2, where each Gantry bridge drops what enters it. */
    private static void isolation(Firewall fw, String br, String t) {
        fw.chain("filter", ISOLATION_1);
        fw.chain("filter", ISOLATION_2);
        fw.insert("filter", ISOLATION_1, List.of("-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED,DNAT", "-j", "RETURN"), SHARED);
        fw.insert("filter", "FORWARD", List.of("-j", ISOLATION_1), SHARED);
        fw.rule("filter", ISOLATION_1, List.of("-i", br, "!", "-o", br, "-j", ISOLATION_2), t);
        fw.rule("filter", ISOLATION_2, List.of("-o", br, "-j", "DROP"), t);
    }

    /**
     * An internal network's containers reach their own subnets (the gateway included) and link-local, multicast
     * and broadcast addresses; everything else they send is dropped before routing, so a route of their own making
     * through the gateway reaches neither another network nor any other address of the host.
     */
    private static void internalStaysIn(Firewall fw, boolean v6, NetworkSpec spec, String br, String t) {
        String chain = internalChain(spec);
        fw.chain("raw", chain);
        for (Subnet s : spec.subnets()) {
            if (s.v6() == v6) {
                fw.rule("raw", chain, List.of("-d", s.cidr(), "-j", "RETURN"), t);
            }
        }
        for (String d : v6 ? List.of("fe80::/10", "ff00::/8") : List.of("224.0.0.0/4", "255.255.255.255/32")) {
            fw.rule("raw", chain, List.of("-d", d, "-j", "RETURN"), t);
        }
        fw.rule("raw", chain, List.of("-j", "DROP"), t);
        fw.insert("raw", "PREROUTING", List.of("-i", br, "-j", chain), t);
    }

    /** The network's rules, then its own chain (which the kernel lets go only once nothing jumps to it). */
    static void remove(Firewall fw, NetworkSpec spec, String t) {
        fw.removeTagged(t);
        fw.dropChain("raw", internalChain(spec));
    }

    /** The shared chains, once no network is left to use them. */
    static void removeShared(Firewall fw) {
        boolean used = fw.run("-t", "filter", "-S", ISOLATION_1).out().lines()
                .anyMatch(l -> l.startsWith("-A ") && !l.contains(SHARED));
        if (used) {
            return;
        }
        // the nat table's shared jumps belong to the DNAT chain, which goes by its own rule
        fw.removeTagged(SHARED, List.of("filter"));
        fw.dropChain("filter", ISOLATION_1);
        fw.dropChain("filter", ISOLATION_2);
    }
}
