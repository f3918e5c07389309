package dev.gantry.plugin.network.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one netlink request: the 16-byte header, the family's fixed struct, then attributes (type-length-value,
 * each padded to 4 bytes), nested ones by {@link #begin}/{@link #end}. Host byte order, as the kernel reads it.
 */
final class NetlinkMessage {
    static final int HEADER = 16;
    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private final Deque<Integer> open = new ArrayDeque<>();

    NetlinkMessage(int type, int flags, int seq) {
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
    }

    /** struct ifinfomsg: family, type, index, flags and the mask of flags to change. */
    NetlinkMessage ifinfo(int index, int flags, int change) {
        room(16);
        buf.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
        return this;
    }

    /** struct ifaddrmsg. */
    NetlinkMessage ifaddr(int family, int prefixLength, int flags, int index) {
        room(8);
        buf.put((byte) family).put((byte) prefixLength).put((byte) flags).put((byte) 0).putInt(index);
        return this;
    }

    /** struct rtmsg of a unicast route in the main table, as {@code ip route} makes it. */
    NetlinkMessage rtmsg(int family, int dstLength) {
        room(12);
        buf.put((byte) family).put((byte) dstLength).put((byte) 0).put((byte) 0)
                .put((byte) Rtnetlink.RT_TABLE_MAIN).put((byte) Rtnetlink.RTPROT_BOOT)
                .put((byte) 0 /* RT_SCOPE_UNIVERSE */).put((byte) Rtnetlink.RTN_UNICAST).putInt(0);
        return this;
    }

    NetlinkMessage bytes(int type, byte[] value) {
        room(4 + value.length + 3);
        buf.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        pad();
        return this;
    }

    NetlinkMessage u32(int type, int value) {
        return bytes(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** A NUL-terminated string, as the kernel wants interface names and link kinds. */
    NetlinkMessage string(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        return bytes(type, z);
    }

    /** Opens a nested attribute; everything up to the matching {@link #end} is its value. */
    NetlinkMessage begin(int type) {
        room(4);
        open.push(buf.position());
        buf.putShort((short) 0).putShort((short) type);
        return this;
    }

    NetlinkMessage end() {
        int start = open.pop();
        buf.putShort(start, (short) (buf.position() - start));
        return this;
    }

    /** The finished message, its length written into the header. */
    byte[] toBytes() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("an attribute is still open");
        }
        buf.putInt(0, buf.position());
        byte[] out = new byte[buf.position()];
        buf.get(0, out);
        return out;
    }

    private void pad() {
        while ((buf.position() & 3) != 0) {
            buf.put((byte) 0);
        }
    }

    private void room(int n) {
        if (buf.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).order(ByteOrder.nativeOrder());
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
