package dev.gantry.plugin.network;

import dev.gantry.plugin.network.netlink.Rtnetlink;
import dev.gantry.spi.network.EndpointSpec;
import dev.gantry.spi.network.NetworkSpec;
import dev.gantry.spi.plugin.PluginException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.OptionalInt;

/**
 * A container's end of a bridge network over rtnetlink: a veth pair whose host side joins the bridge and whose
 * other side is made directly inside the container's namespace, there named, addressed, brought up and given
 * the default route. Every run did this with two {@code ip} processes and undid it with a third; each process
 * start cost more CPU than all of the netlink messages together.
 */
final class VethEndpoints {
    private VethEndpoints() {
    }

    /** Makes the endpoint and returns the name of its interface inside the namespace (eth0 unless taken). */
    static String connect(NetworkSpec network, EndpointSpec endpoint, Path netns, String hostVeth, String bridge,
                          String address, String mac) {
        try (Rtnetlink host = Rtnetlink.host(); Rtnetlink inside = Rtnetlink.in(netns)) {
            int master = host.linkIndex(bridge).orElseThrow(
                    () -> PluginException.failed("the bridge " + bridge + " of network " + network.name() + " is gone", null));
            String ifname = freeInterface(inside);
            host.addVeth(hostVeth, mtu(network), master, ifname, HexFormat.ofDelimiter(":").parseHex(mac), netns);
            int index = inside.linkIndex(ifname).orElseThrow(
                    () -> PluginException.failed(ifname + " vanished from " + netns, null));
            inside.addAddress(index, literal(address), prefix(address), false);
            for (String more : endpoint.moreAddresses()) {
                // addresses IPAM handed out are unique on the network: no duplicate address detection to wait for
                inside.addAddress(index, literal(more), prefix(more), more.contains(":"));
            }
            inside.up(ifname);
            inside.up("lo");
            if (endpoint.defaultRoute() && !network.internal()) {
                inside.replaceDefaultRoute(literal(network.gateway().orElseThrow()));
                var v6 = network.ipv6().filter(s -> endpoint.moreAddresses().stream().anyMatch(s::holds));
                if (v6.isPresent()) {
                    inside.replaceDefaultRoute(literal(v6.get().gateway()));
                }
            }
            return ifname;
        } catch (IOException e) {
            throw PluginException.failed("cannot connect to network " + network.name() + ": " + e.getMessage(), e);
        }
    }

    /** Removes the host side (the pair goes with it); nothing to do when it is gone already. */
    static void disconnect(String hostVeth) {
        try (Rtnetlink host = Rtnetlink.host()) {
            host.deleteLink(hostVeth);
        } catch (IOException e) {
            throw PluginException.failed("cannot remove " + hostVeth + ": " + e.getMessage(), e);
        }
    }

    /** {@code ip route replace default via GATEWAY} inside the namespace, IPv6's too when it has an address there. */
    static void defaultRoute(NetworkSpec network, EndpointSpec endpoint, Path netns, String gateway) {
        try (Rtnetlink inside = Rtnetlink.in(netns)) {
            inside.replaceDefaultRoute(literal(gateway));
            if (network.ipv6().isPresent() && endpoint.moreAddresses().stream().anyMatch(a -> network.ipv6().get().holds(a))) {
                inside.replaceDefaultRoute(literal(network.ipv6().get().gateway()));
            }
        } catch (IOException e) {
            throw PluginException.failed("cannot route " + netns.getFileName() + " via " + gateway + ": " + e.getMessage(), e);
        }
    }

    private static String freeInterface(Rtnetlink inside) throws IOException {
        for (int i = 0; ; i++) {
            if (inside.linkIndex("eth" + i).isEmpty()) {
                return "eth" + i;
            }
        }
    }

    static OptionalInt mtu(NetworkSpec network) {
        var mtu = BridgeNetworkDriver.mtu(network);
        if (mtu.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(mtu.get().strip()));
        } catch (NumberFormatException e) {
            throw new PluginException(PluginException.Reason.INVALID, "invalid MTU of network " + network.name() + ": " + mtu.get());
        }
    }

    /** The address of {@code a/prefix} or a bare literal; never a name lookup (both are IP literals from IPAM). */
    static InetAddress literal(String cidr) throws UnknownHostException {
        int slash = cidr.indexOf('/');
        String ip = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!ip.contains(":") && !ip.matches("[0-9.]+")) {
            throw new UnknownHostException("not an IP address: " + ip);
        }
        return InetAddress.getByName(ip);
    }

    private static int prefix(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? (cidr.contains(":") ? 128 : 32) : Integer.parseInt(cidr.substring(slash + 1));
    }
}
