package dev.gantry.plugin.network;

import dev.gantry.spi.host.Executables;
import dev.gantry.spi.network.Endpoint;
import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NamespaceMode;
import dev.gantry.spi.network.NetworkDriver;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.network.PortBinding;
import dev.gantry.spi.network.Subnet;
import dev.gantry.spi.plugin.Availability;
import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginDescriptor;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.plugin.PluginKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Linux bridges with veth pairs, NAT for the way out and DNAT for published ports, made with iproute2 and
 * iptables (whichever back end the {@code iptables} option names: {@code iptables}, nft on Debian, or
 * {@code iptables-legacy}). Everything it makes is named or tagged from the network's and the container's IDs
 * ({@code gbr-<net>}, {@code gv<ctr><net>}, rule comments {@code gantry:<id>}), so it can all be found and removed
 * again from the specs alone, after a crash too.
 */
public final class BridgeNetworkDriver implements NetworkDriver {
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(PluginKind.NETWORK, "bridge", "0.1.0",
            Set.of("nat", "port-publishing"));
    private static final String CHAIN = "GANTRY";
    private static final java.util.Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");
    private String iptables = "iptables";
    private Firewall v4 = new Firewall("iptables");
    private Firewall v6 = new Firewall("ip6tables");
    /** Networks whose host side this process has made: later creates are then free (the bridge is checked in /sys). */
    private final java.util.Set<String> made = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Availability probe() {
        for (String tool : List.of("ip", iptables)) {
            if (Executables.find(tool).isEmpty()) {
                return Availability.unavailable(tool + " is not installed (apt-get install iproute2 iptables)");
            }
        }
        if (!Files.isWritable(Path.of("/proc/sys/net/ipv4/ip_forward"))) {
            return Availability.unavailable("needs root to make bridges and firewall rules");
        }
        return Availability.available(HostCommands.run(List.of(iptables, "--version")).out().strip());
    }

    @Override
    public void init(PluginContext context) {
        iptables = context.options().getOrDefault("iptables", "iptables");
        v4 = new Firewall(iptables);
        v6 = new Firewall(Firewall.ipv6Tool(iptables));
    }

    @Override
    public NamespaceMode namespaceMode() {
        return NamespaceMode.PRIVATE;
    }

    static String bridgeName(NetworkSpec spec) {
        return spec.options().getOrDefault("com.docker.network.bridge.name", defaultBridgeName(spec));
    }

    static String defaultBridgeName(NetworkSpec spec) {
        return "gbr-" + spec.id().substring(0, 10);
    }

    static String hostVeth(String containerId, String networkId) {
        return "gv" + containerId.substring(0, 8) + networkId.substring(0, 4);
    }

    private static String tag(String id) {
        return "gantry:" + id.substring(0, 12);
    }

    /** A boolean option as dockerd reads it; absent is {@code dflt}. */
    private static boolean option(NetworkSpec spec, String key, boolean dflt) {
        String v = spec.options().get(key);
        return v == null ? dflt : !FALSE.contains(v);
    }

    /** The network's MTU option, empty for the kernel's default. */
    static Optional<String> mtu(NetworkSpec spec) {
        return Optional.ofNullable(spec.options().get("com.docker.network.driver.mtu"));
    }

    @Override
    public void createNetwork(NetworkSpec spec) {
        String br = bridgeName(spec);
        BridgeOwnership.checkName(br);
        if (made.contains(spec.id()) && BridgeOwnership.ours(br, spec)) {
            return;
        }
        if (spec.subnets().isEmpty()) {
            throw new PluginException(PluginException.Reason.INVALID, "a bridge network needs a subnet and a gateway");
        }
        // before anything is made: an interface of the host is neither used nor, on the failure path, deleted
        BridgeOwnership.checkUsable(br, spec);
        try {
            if (!BridgeOwnership.exists(br)) {
                String mtu = mtu(spec).map(m -> " mtu " + m).orElse("");
                HostCommands.batch(List.of("ip", "-batch", "-"), String.join("\n",
                        "link add name " + br + mtu + " type bridge",
                        "link set dev " + br + " alias " + BridgeOwnership.alias(spec)));
            }
            if (spec.ipv6().isPresent()) {
                HostCommands.must(List.of("sysctl", "-q", "-w", "net.ipv6.conf." + br + ".disable_ipv6=0"));
            }
            for (Subnet s : spec.subnets()) {
                List<String> addr = new ArrayList<>(List.of("ip", "addr", "replace", s.gateway() + "/" + s.prefixLength(), "dev", br));
                if (s.v6()) {
                    // the gateway is ours alone: no duplicate address detection to wait for
                    addr.add("nodad");
                }
                HostCommands.must(addr);
            }
            HostCommands.must(List.of("ip", "link", "set", br, "up"));
            // published ports on 127.0.0.1 reach containers through DNAT only when loopback may be routed
            HostCommands.must(List.of("sysctl", "-q", "-w", "net.ipv4.conf." + br + ".route_localnet=1"));
            forwardingOn(v4, "/proc/sys/net/ipv4/ip_forward", "net.ipv4.ip_forward");
            ensureChain();
            String t = tag(spec.id());
            forwarding(v4, false, spec, br, t);
            if (spec.ipv6().isPresent()) {
                forwardingOn(v6, "/proc/sys/net/ipv6/conf/all/forwarding", "net.ipv6.conf.all.forwarding");
                forwarding(v6, true, spec, br, t);
            }
            if (!spec.internal() && option(spec, "com.docker.network.bridge.enable_ip_masquerade", true)) {
                for (Subnet s : spec.subnets()) {
                    (s.v6() ? v6 : v4).rule("nat", "POSTROUTING", List.of("-s", s.cidr(), "!", "-o", br, "-j", "MASQUERADE"), t);
                }
            }
            v4.rule("nat", "POSTROUTING", List.of("-s", "127.0.0.0/8", "-o", br, "-j", "MASQUERADE"), t);
            made.add(spec.id());
        } catch (RuntimeException e) {
            deleteNetwork(spec);
            throw e;
        }
    }

    /** What may cross the bridge: {@link NetworkRules}. */
    private static void forwarding(Firewall fw, boolean v6, NetworkSpec spec, String br, String t) {
        boolean icc = option(spec, "com.docker.network.bridge.enable_icc", true);
        if (!icc) {
            bridgedTrafficThroughFirewall(v6 ? "ip6tables" : "iptables");
        }
        NetworkRules.apply(fw, v6, spec, br, t, icc);
    }

    /**
     * Turns forwarding on as dockerd does: when it was off, the FORWARD chain's policy becomes DROP first, so the
     * host does not start routing between its other interfaces; the bridges pass by their own rules.
     */
    private static void forwardingOn(Firewall fw, String proc, String key) {
        String now;
        try {
            now = Files.readString(Path.of(proc)).strip();
        } catch (java.io.IOException e) {
            throw PluginException.failed("cannot read " + proc, e);
        }
        if (now.equals("1")) {
            return;
        }
        HostCommands.must(List.of(fw.tool(), "-P", "FORWARD", "DROP"));
        HostCommands.must(List.of("sysctl", "-q", "-w", key + "=1"));
    }

    /**
     * Traffic between two ports of one bridge never reaches FORWARD unless br_netfilter passes it there; dockerd
     * loads it and turns it on for icc=false as well.
     */
    private static void bridgedTrafficThroughFirewall(String family) {
        Path sysctl = Path.of("/proc/sys/net/bridge/bridge-nf-call-" + family);
        if (!Files.exists(sysctl)) {
            HostCommands.run(List.of("modprobe", "br_netfilter"));
        }
        HostCommands.must(List.of("sysctl", "-q", "-w", "net.bridge.bridge-nf-call-" + family + "=1"));
    }

    @Override
    public void deleteNetwork(NetworkSpec spec) {
        made.remove(spec.id());
        NetworkRules.remove(v4, spec, tag(spec.id()));
        if (spec.ipv6().isPresent()) {
            NetworkRules.remove(v6, spec, tag(spec.id()));
        }
        String br = bridgeName(spec);
        // only a bridge Gantry made: never an interface of the host that bridge.name happened to name
        if (BridgeOwnership.ours(br, spec)) {
            HostCommands.run(List.of("ip", "link", "del", "dev", br));
        }
        NetworkRules.removeShared(v4);
        NetworkRules.removeShared(v6);
        dropChainIfUnused();
    }

    /** The shared DNAT chain goes with the last network that used it, so a host is left as it was found. */
    private void dropChainIfUnused() {
        boolean networksLeft = v4.run("-t", "nat", "-S", "POSTROUTING").out().lines()
                .anyMatch(l -> l.contains("--comment gantry:") || l.contains("--comment \"gantry:"));
        boolean portsLeft = v4.run("-t", "nat", "-S", CHAIN).out().lines()
                .anyMatch(l -> l.startsWith("-A "));
        if (networksLeft || portsLeft) {
            return;
        }
        v4.removeTagged("gantry:chain");
        v4.run("-t", "nat", "-X", CHAIN);
    }

    @Override
    public Endpoint connect(NetworkSpec network, EndpointSpec endpoint) {
        Path netns = endpoint.netns().orElseThrow(() -> new PluginException(PluginException.Reason.INVALID, "a bridge endpoint needs a network namespace"));
        String address = endpoint.address().orElseThrow(() -> new PluginException(PluginException.Reason.INVALID, "a bridge endpoint needs an address"));
        String hv = hostVeth(endpoint.containerId(), network.id());
        String ip = address.substring(0, address.indexOf('/'));
        String mac = endpoint.macAddress().orElse(mac(ip));
        try {
            String ifname = VethEndpoints.connect(network, endpoint, netns, hv, bridgeName(network), address, mac);
            String t = tag(endpoint.containerId());
            for (PortBinding p : endpoint.ports()) {
                List<String> match = new ArrayList<>();
                if (!p.hostIp().isEmpty() && !p.hostIp().equals("0.0.0.0")) {
                    match.addAll(List.of("-d", p.hostIp() + "/32"));
                }
                match.addAll(List.of("-p", p.protocol(), "--dport", Integer.toString(p.hostPort()),
                        "-j", "DNAT", "--to-destination", ip + ":" + p.containerPort()));
                v4.rule("nat", CHAIN, match, t);
            }
            return new Endpoint(Optional.of(ifname), Optional.of(address), network.gateway(), Optional.of(mac));
        } catch (RuntimeException e) {
            disconnect(network, endpoint);
            throw e;
        }
    }

    @Override
    public void disconnect(NetworkSpec network, EndpointSpec endpoint) {
        // only published ports make per-container rules; the spec says whether there were any
        if (!endpoint.ports().isEmpty()) {
            v4.removeTagged(tag(endpoint.containerId()));
        }
        String hv = hostVeth(endpoint.containerId(), network.id());
        if (Files.exists(Path.of("/sys/class/net", hv))) {
            VethEndpoints.disconnect(hv);
        }
    }

    @Override
    public void carryDefaultRoute(NetworkSpec network, EndpointSpec endpoint) {
        Path netns = endpoint.netns().orElseThrow(() -> new PluginException(PluginException.Reason.INVALID, "a bridge endpoint needs a network namespace"));
        VethEndpoints.defaultRoute(network, endpoint, netns, network.gateway().orElseThrow(
                () -> new PluginException(PluginException.Reason.INVALID, "network " + network.name() + " has no gateway")));
    }

    /** Docker's MAC for an address: 02:42 and the four bytes of the IPv4 address. */
    static String mac(String ip) {
        String[] b = ip.split("\\.");
        return String.format("02:42:%02x:%02x:%02x:%02x", Integer.parseInt(b[0]), Integer.parseInt(b[1]),
                Integer.parseInt(b[2]), Integer.parseInt(b[3]));
    }

    private static int prefix(String cidr) {
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }

    /** The DNAT chain, jumped to for traffic to local addresses, from outside and from the host itself. */
    private void ensureChain() {
        if (!v4.run("-t", "nat", "-S", CHAIN).ok()) {
            v4.run("-t", "nat", "-N", CHAIN);
        }
        v4.rule("nat", "PREROUTING", List.of("-m", "addrtype", "--dst-type", "LOCAL", "-j", CHAIN), "gantry:chain");
        v4.rule("nat", "OUTPUT", List.of("-m", "addrtype", "--dst-type", "LOCAL", "-j", CHAIN), "gantry:chain");
    }
}
