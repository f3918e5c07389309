package dev.gantry.plugin.network.netlink;

import java.io.IOException;

/** The kernel refused a netlink request: {@code errno} says why, the message says what was asked. */
public final class NetlinkException extends IOException {
    public static final int ENODEV = 19;
    public static final int EEXIST = 17;
    private final int errno;

    NetlinkException(String what, int errno) {
        super(what + ": " + NetlinkSocket.strerror(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
