package dev.gantry.plugin.network.netlink;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * The link, address and route requests the bridge driver makes, over rtnetlink from the engine itself: what
 * {@code ip link}/{@code ip addr}/{@code ip route} would send, without starting an {@code ip} process per step.
 * One instance talks to one network namespace; close it when done.
 */
public final class Rtnetlink implements AutoCloseable {
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_NEWROUTE = 24;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_REPLACE = 0x100;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    static final int IFF_UP = 0x1;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_MASTER = 10;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_NET_NS_FD = 28;
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int VETH_INFO_PEER = 1;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_F_NODAD = 0x02;
    static final int RTA_GATEWAY = 5;
    static final int RT_TABLE_MAIN = 254;
    static final int RTPROT_BOOT = 3;
    static final int RTN_UNICAST = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    private final NetlinkSocket socket;

    private Rtnetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Requests to the engine's own namespace. */
    public static Rtnetlink host() throws IOException {
        return new Rtnetlink(NetlinkSocket.host());
    }

    /** Requests to the namespace that the file {@code netns} holds. */
    public static Rtnetlink in(Path netns) throws IOException {
        return new Rtnetlink(NetlinkSocket.in(netns));
    }

    /** The index of the interface called {@code name}, or empty when there is none. */
    public OptionalInt linkIndex(String name) throws IOException {
        int seq = socket.nextSeq();
        NetlinkMessage m = new NetlinkMessage(RTM_GETLINK, NLM_F_REQUEST, seq).ifinfo(0, 0, 0).string(IFLA_IFNAME, name);
        for (NetlinkReply r : socket.exchange(m.toBytes(), seq)) {
            if (r.isError()) {
                if (r.errno() == NetlinkException.ENODEV) {
                    return OptionalInt.empty();
                }
                throw new NetlinkException("link " + name, r.errno());
            }
            if (r.type() == RTM_NEWLINK) {
                return OptionalInt.of(r.linkIndex());
            }
        }
        throw new IOException("no answer about link " + name);
    }

    /**
     * A veth pair: {@code name} here, up, a port of the bridge {@code master}; its peer {@code peerName} with
     * {@code peerMac} made directly inside the namespace {@code peerNetns} (down, to be configured there).
     */
    public void addVeth(String name, OptionalInt mtu, int master, String peerName, byte[] peerMac, Path peerNetns)
            throws IOException {
        int nsFd = NetlinkSocket.open(peerNetns);
        try {
            int seq = socket.nextSeq();
            ack(vethRequest(seq, name, mtu, master, peerName, peerMac, nsFd), seq, "add veth " + name);
        } finally {
            NetlinkSocket.closeFd(nsFd);
        }
    }

    /** {@code ip link set NAME up}. */
    public void up(String name) throws IOException {
        int seq = socket.nextSeq();
        ack(new NetlinkMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq).ifinfo(0, IFF_UP, IFF_UP)
                .string(IFLA_IFNAME, name).toBytes(), seq, "set " + name + " up");
    }

    /** {@code ip addr add ADDRESS/PREFIX dev INDEX}, without duplicate address detection when asked. */
    public void addAddress(int index, InetAddress address, int prefixLength, boolean nodad) throws IOException {
        int seq = socket.nextSeq();
        ack(addressRequest(seq, index, address, prefixLength, nodad), seq, "add address " + address.getHostAddress());
    }

    /** {@code ip route replace default via GATEWAY}. */
    public void replaceDefaultRoute(InetAddress gateway) throws IOException {
        int seq = socket.nextSeq();
        ack(defaultRouteRequest(seq, gateway), seq, "default route via " + gateway.getHostAddress());
    }

    /** {@code ip link del NAME}; false when there was no such interface. */
    public boolean deleteLink(String name) throws IOException {
        int seq = socket.nextSeq();
        byte[] m = new NetlinkMessage(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, seq).ifinfo(0, 0, 0)
                .string(IFLA_IFNAME, name).toBytes();
        try {
            ack(m, seq, "delete " + name);
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == NetlinkException.ENODEV) {
                return false;
            }
            throw e;
        }
    }

    static byte[] vethRequest(int seq, String name, OptionalInt mtu, int master, String peerName, byte[] peerMac, int nsFd) {
        NetlinkMessage m = new NetlinkMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq)
                .ifinfo(0, IFF_UP, IFF_UP).string(IFLA_IFNAME, name);
        mtu.ifPresent(v -> m.u32(IFLA_MTU, v));
        m.u32(IFLA_MASTER, master)
                .begin(IFLA_LINKINFO).string(IFLA_INFO_KIND, "veth")
                .begin(IFLA_INFO_DATA).begin(VETH_INFO_PEER).ifinfo(0, 0, 0).string(IFLA_IFNAME, peerName);
        mtu.ifPresent(v -> m.u32(IFLA_MTU, v));
        return m.bytes(IFLA_ADDRESS, peerMac).u32(IFLA_NET_NS_FD, nsFd).end().end().end().toBytes();
    }

    static byte[] addressRequest(int seq, int index, InetAddress address, int prefixLength, boolean nodad) {
        byte[] a = address.getAddress();
        return new NetlinkMessage(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq)
                .ifaddr(family(address), prefixLength, nodad ? IFA_F_NODAD : 0, index)
                .bytes(IFA_LOCAL, a).bytes(IFA_ADDRESS, a).toBytes();
    }

    static byte[] defaultRouteRequest(int seq, InetAddress gateway) {
        return new NetlinkMessage(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE, seq)
                .rtmsg(family(gateway), 0).bytes(RTA_GATEWAY, gateway.getAddress()).toBytes();
    }

    private static int family(InetAddress a) {
        return a instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    private void ack(byte[] request, int seq, String what) throws IOException {
        List<NetlinkReply> replies = socket.exchange(request, seq);
        for (NetlinkReply r : replies) {
            if (r.isError()) {
                if (r.errno() != 0) {
                    throw new NetlinkException(what, r.errno());
                }
                return;
            }
        }
        throw new IOException("no acknowledgement for " + what);
    }

    @Override
    public void close() {
        socket.close();
    }
}
