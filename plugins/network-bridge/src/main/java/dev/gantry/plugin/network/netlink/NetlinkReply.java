package dev.gantry.plugin.network.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One message the kernel sent back: its type, sequence number and payload. A datagram may hold several; an
 * acknowledgement is an {@code NLMSG_ERROR} whose error is 0, a failure one whose error is a negative errno.
 */
record NetlinkReply(int type, int flags, int seq, ByteBuffer payload) {
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;

    /** Splits a received datagram into its messages; a truncated or malformed one ends the list with an error. */
    static List<NetlinkReply> parse(byte[] datagram, int length) {
        ByteBuffer b = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
        List<NetlinkReply> out = new ArrayList<>();
        int at = 0;
        while (at + NetlinkMessage.HEADER <= length) {
            int len = b.getInt(at);
            if (len < NetlinkMessage.HEADER || at + len > length) {
                throw new IllegalArgumentException("malformed netlink message: length " + len + " at " + at + " of " + length);
            }
            int type = Short.toUnsignedInt(b.getShort(at + 4));
            int flags = Short.toUnsignedInt(b.getShort(at + 6));
            int seq = b.getInt(at + 8);
            ByteBuffer payload = b.slice(at + NetlinkMessage.HEADER, len - NetlinkMessage.HEADER).order(ByteOrder.nativeOrder());
            out.add(new NetlinkReply(type, flags, seq, payload));
            at += (len + 3) & ~3;
        }
        return out;
    }

    boolean isError() {
        return type == NLMSG_ERROR;
    }

    /** The errno of an {@code NLMSG_ERROR} (positive), 0 for an acknowledgement. */
    int errno() {
        if (!isError() || payload.remaining() < 4) {
            throw new IllegalStateException("not an error message: type " + type);
        }
        return -payload.getInt(0);
    }

    /** The interface index of an {@code RTM_NEWLINK} reply (struct ifinfomsg's third field). */
    int linkIndex() {
        if (type != Rtnetlink.RTM_NEWLINK || payload.remaining() < 16) {
            throw new IllegalStateException("not a link message: type " + type);
        }
        return payload.getInt(4);
    }
}
