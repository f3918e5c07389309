package dev.gantry.plugin.network.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The bytes of the rtnetlink requests and the parsing of the kernel's answers, checked field by field. */
class RtnetlinkMessagesTest {
    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
    }

    @Test
    void defaultRouteIsAReplaceOfAUnicastRouteInTheMainTable() throws Exception {
        byte[] m = Rtnetlink.defaultRouteRequest(7, InetAddress.getByName("172.18.0.1"));
        ByteBuffer b = le(m);
        assertEquals(16 + 12 + 8, m.length);
        assertEquals(m.length, b.getInt(0));
        assertEquals(Rtnetlink.RTM_NEWROUTE, b.getShort(4));
        assertEquals(0x1 | 0x4 | 0x400 | 0x100, b.getShort(6));
        assertEquals(7, b.getInt(8));
        // rtmsg: AF_INET, /0, table main, protocol boot, scope universe, unicast
        assertArrayEquals(new byte[] {2, 0, 0, 0, (byte) 254, 3, 0, 1}, java.util.Arrays.copyOfRange(m, 16, 24));
        assertEquals(8, b.getShort(28));
        assertEquals(Rtnetlink.RTA_GATEWAY, b.getShort(30));
        assertArrayEquals(new byte[] {(byte) 172, 18, 0, 1}, java.util.Arrays.copyOfRange(m, 32, 36));
    }

    @Test
    void anIpv6AddressWithoutDadCarriesItsFlagAndBothAttributes() throws Exception {
        InetAddress a = InetAddress.getByName("fd00:1::5");
        byte[] m = Rtnetlink.addressRequest(3, 42, a, 64, true);
        ByteBuffer b = le(m);
        assertEquals(16 + 8 + 2 * (4 + 16), m.length);
        assertEquals(Rtnetlink.RTM_NEWADDR, b.getShort(4));
        assertEquals(Rtnetlink.AF_INET6, m[16]);
        assertEquals(64, m[17]);
        assertEquals(Rtnetlink.IFA_F_NODAD, m[18]);
        assertEquals(42, b.getInt(20));
        assertEquals(20, b.getShort(24));
        assertEquals(Rtnetlink.IFA_LOCAL, b.getShort(26));
        assertArrayEquals(a.getAddress(), java.util.Arrays.copyOfRange(m, 28, 44));
        assertEquals(Rtnetlink.IFA_ADDRESS, b.getShort(46));
    }

    @Test
    void vethNestsThePeerWithItsOwnIfinfoNameMacAndNamespace() {
        byte[] mac = HexFormat.ofDelimiter(":").parseHex("02:42:0a:00:00:02");
        byte[] m = Rtnetlink.vethRequest(1, "gv1234", OptionalInt.of(1400), 9, "eth0", mac, 33);
        ByteBuffer b = le(m);
        assertEquals(m.length, b.getInt(0));
        assertEquals(0x1 | 0x4 | 0x400 | 0x200, b.getShort(6));
        assertEquals(Rtnetlink.IFF_UP, b.getInt(24));
        assertEquals(Rtnetlink.IFF_UP, b.getInt(28));
        int at = 32;
        at = expect(b, at, Rtnetlink.IFLA_IFNAME, "gv1234\0".getBytes());
        at = expectInt(b, at, Rtnetlink.IFLA_MTU, 1400);
        at = expectInt(b, at, Rtnetlink.IFLA_MASTER, 9);
        assertEquals(Rtnetlink.IFLA_LINKINFO, b.getShort(at + 2));
        assertEquals(m.length - at, b.getShort(at), "linkinfo runs to the end");
        at += 4;
        at = expect(b, at, Rtnetlink.IFLA_INFO_KIND, "veth\0".getBytes());
        assertEquals(Rtnetlink.IFLA_INFO_DATA, b.getShort(at + 2));
        assertEquals(m.length - at, b.getShort(at));
        at += 4;
        assertEquals(Rtnetlink.VETH_INFO_PEER, b.getShort(at + 2));
        assertEquals(m.length - at, b.getShort(at));
        at += 4 + 16; // the peer's struct ifinfomsg
        at = expect(b, at, Rtnetlink.IFLA_IFNAME, "eth0\0".getBytes());
        at = expectInt(b, at, Rtnetlink.IFLA_MTU, 1400);
        at = expect(b, at, Rtnetlink.IFLA_ADDRESS, mac);
        at = expectInt(b, at, Rtnetlink.IFLA_NET_NS_FD, 33);
        assertEquals(m.length, at);
    }

    @Test
    void withoutAnMtuNoMtuAttributeIsSent() {
        byte[] with = Rtnetlink.vethRequest(1, "gv1", OptionalInt.of(1500), 2, "eth0", new byte[6], 3);
        byte[] without = Rtnetlink.vethRequest(1, "gv1", OptionalInt.empty(), 2, "eth0", new byte[6], 3);
        assertEquals(with.length - 16, without.length);
    }

    @Test
    void parsesAnAckAnErrorAndALinkReplyFromOneDatagram() {
        ByteBuffer d = ByteBuffer.allocate(200).order(ByteOrder.nativeOrder());
        // ack of seq 5
        d.putInt(36).putShort((short) 2).putShort((short) 0).putInt(5).putInt(0).putInt(0).put(new byte[16]);
        // EEXIST for seq 6
        d.putInt(36).putShort((short) 2).putShort((short) 0).putInt(6).putInt(0).putInt(-17).put(new byte[16]);
        // RTM_NEWLINK for seq 7, index 12, a 6-byte attribute padded to 8
        d.putInt(16 + 16 + 8).putShort((short) 16).putShort((short) 0).putInt(7).putInt(0)
                .put((byte) 0).put((byte) 0).putShort((short) 1).putInt(12).putInt(0x1043).putInt(0)
                .putShort((short) 6).putShort((short) 3).put(new byte[] {'l', 'o'}).put(new byte[2]);
        List<NetlinkReply> r = NetlinkReply.parse(d.array(), d.position());
        assertEquals(3, r.size());
        assertEquals(0, r.get(0).errno());
        assertEquals(17, r.get(1).errno());
        assertEquals(6, r.get(1).seq());
        assertEquals(12, r.get(2).linkIndex());
        assertThrows(IllegalStateException.class, () -> r.get(2).errno());
        assertThrows(IllegalStateException.class, () -> r.get(0).linkIndex());
    }

    @Test
    void aLengthBeyondTheDatagramIsRefused() {
        ByteBuffer d = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        d.putInt(64).putShort((short) 2).putShort((short) 0).putInt(1).putInt(0).putInt(0);
        assertThrows(IllegalArgumentException.class, () -> NetlinkReply.parse(d.array(), 20));
        ByteBuffer tiny = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        tiny.putInt(8).putShort((short) 2).putShort((short) 0).putInt(1).putInt(0);
        assertThrows(IllegalArgumentException.class, () -> NetlinkReply.parse(tiny.array(), 16));
    }

    @Test
    void anOpenNestedAttributeCannotBeSent() {
        NetlinkMessage m = new NetlinkMessage(16, 1, 1).ifinfo(0, 0, 0).begin(18);
        assertThrows(IllegalStateException.class, m::toBytes);
        assertTrue(NetlinkSocket.strerror(17).contains("exists"));
    }

    private static int expect(ByteBuffer b, int at, int type, byte[] value) {
        assertEquals(type, b.getShort(at + 2), "type at " + at);
        assertEquals(4 + value.length, b.getShort(at), "length at " + at);
        byte[] got = new byte[value.length];
        b.get(at + 4, got);
        assertArrayEquals(value, got);
        return at + ((4 + value.length + 3) & ~3);
    }

    private static int expectInt(ByteBuffer b, int at, int type, int value) {
        return expect(b, at, type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }
}
