package dev.gantry.tui.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A plain TCP connection (a loopback {@code --tcp} listener, or a dockerd on tcp://). */
final class TcpTransport implements Transport {
    private final String host;
    private final int port;

    TcpTransport(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public Connection open(Duration connectTimeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new Connection() {
            @Override
            public InputStream in() throws IOException {
                return s.getInputStream();
            }

            @Override
            public OutputStream out() throws IOException {
                return s.getOutputStream();
            }

            @Override
            public void close() throws IOException {
                s.close();
            }
        };
    }
}
