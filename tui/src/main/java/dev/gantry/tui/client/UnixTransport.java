package dev.gantry.tui.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A unix-socket connection. Channels have no read timeout, so {@link Deadline} closes the channel when time is
 * up, which makes a blocked read fail at once.
 */
final class UnixTransport implements Transport {
    private final Path socket;

    UnixTransport(Path socket) {
        this.socket = socket;
    }

    @Override
    public Connection open(Duration connectTimeout) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try (Deadline.Armed armed = Deadline.arm(ch, connectTimeout)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        InputStream in = Channels.newInputStream(ch);
        OutputStream out = Channels.newOutputStream(ch);
        return new Connection() {
            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
