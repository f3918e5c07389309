package dev.gantry.core.network;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The resolvers names Gantry does not know are sent to, and the sending. Queries leave from the engine's own
 * namespace, so a host resolver on loopback (systemd-resolved, dnsmasq) works for containers too.
 */
public final class Upstreams {
    private static final int TIMEOUT_MS = 2000;

    private Upstreams() {
    }

    /** {@code ip} or {@code ip:port} entries; without any, the host's {@code /etc/resolv.conf} nameservers. */
    public static List<InetSocketAddress> parse(List<String> configured, Path resolvConf) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String s : configured) {
            if (!s.isBlank()) {
                out.add(address(s.strip()));
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        try {
            if (Files.isReadable(resolvConf)) {
                for (String line : Files.readAllLines(resolvConf)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 2 && f[0].equals("nameserver")) {
                        out.add(new InetSocketAddress(InetAddress.ofLiteral(f[1]), 53));
                    }
                }
            }
        } catch (IOException | IllegalArgumentException ignored) {
            // no upstreams: unknown names get SERVFAIL
        }
        return out;
    }

    static InetSocketAddress address(String s) {
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(':') == colon) {
            return new InetSocketAddress(InetAddress.ofLiteral(s.substring(0, colon)), Integer.parseInt(s.substring(colon + 1)));
        }
        return new InetSocketAddress(InetAddress.ofLiteral(s), 53);
    }

    /** Sends the query to each upstream in turn until one answers with the same message ID. */
    static Optional<byte[]> forward(byte[] query, List<InetSocketAddress> upstreams, boolean tcp) {
        for (InetSocketAddress up : upstreams) {
            try {
                return Optional.of(tcp ? overTcp(query, up) : overUdp(query, up));
            } catch (IOException next) {
                // try the next one
            }
        }
        return Optional.empty();
    }

    private static byte[] overUdp(byte[] query, InetSocketAddress up) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(TIMEOUT_MS);
            s.send(new DatagramPacket(query, query.length, up));
            byte[] buf = new byte[65535];
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                if (p.getLength() >= 2 && p.getSocketAddress().equals(up) && buf[0] == query[0] && buf[1] == query[1]) {
                    return java.util.Arrays.copyOf(buf, p.getLength());
                }
            }
            throw new SocketTimeoutException("no answer from " + up);
        }
    }

    private static byte[] overTcp(byte[] query, InetSocketAddress up) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(up, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            return answer;
        }
    }
}
