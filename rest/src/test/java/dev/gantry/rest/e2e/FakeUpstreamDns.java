package dev.gantry.rest.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A resolver on 127.0.0.1 that stands for the host's: it knows one name, {@code outside.test}, and answers
 * NXDOMAIN for the rest, so the tests see what the embedded DNS passes on without sending anything off the host.
 */
final class FakeUpstreamDns implements AutoCloseable {
    static final String KNOWN = "outside.test";
    static final String KNOWN_ADDRESS = "192.0.2.77";
    private final DatagramSocket socket;
    private final AtomicInteger questions = new AtomicInteger();

    FakeUpstreamDns() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("fake-upstream-dns").start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** How many questions arrived. */
    int questions() {
        return questions.get();
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                questions.incrementAndGet();
                Message q = new Message(Arrays.copyOf(buf, p.getLength()));
                Message r = new Message(q.getHeader().getID());
                r.getHeader().setFlag(Flags.QR);
                r.getHeader().setFlag(Flags.RA);
                r.addRecord(q.getQuestion(), Section.QUESTION);
                String name = q.getQuestion().getName().toString(true);
                if (name.equals(KNOWN)) {
                    if (q.getQuestion().getType() == Type.A) {
                        r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 60,
                                InetAddress.ofLiteral(KNOWN_ADDRESS)), Section.ANSWER);
                    }
                } else {
                    r.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] out = r.toWire();
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a message it cannot read
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
