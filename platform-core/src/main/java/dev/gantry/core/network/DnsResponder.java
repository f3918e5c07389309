package dev.gantry.core.network;

import dev.gantry.core.sys.Syscalls;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The embedded DNS server, as Docker has it: in each container on a user-defined network, {@code 127.0.0.11:53}
 * (UDP and TCP) answers its networks' names and passes every other question on to the upstream resolvers.
 *
 * <p>The sockets are opened inside the container's network namespace (by a thread that joins it and ends) but
 * served by the engine's own threads, so the answer knows exactly which container asked, and the container keeps
 * the same resolver whatever networks it joins or leaves. They live as long as the container runs; after an
 * engine restart they are opened again for the containers still running.
 */
public final class DnsResponder implements AutoCloseable {
    public static final String ADDRESS = "127.0.0.11";
    private static final long TTL = 600;
    /** Questions of one container waiting for an answer at once; more are dropped, as a busy resolver drops them. */
    static final int MAX_UDP_IN_FLIGHT = 64;
    /** TCP connections of one container at once; more are closed at once. */
    static final int MAX_TCP_CONNECTIONS = 16;
    private final NameDirectory names;
    private final List<InetSocketAddress> defaultUpstreams;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    private record Listener(DatagramChannel udp, ServerSocketChannel tcp, Semaphore udpSlots, Semaphore tcpSlots) {
        Listener(DatagramChannel udp, ServerSocketChannel tcp) {
            this(udp, tcp, new Semaphore(MAX_UDP_IN_FLIGHT), new Semaphore(MAX_TCP_CONNECTIONS));
        }

        void close() {
            try {
                udp.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
            try {
                tcp.close();
            } catch (IOException ignored) {
                // same
            }
        }
    }

    public DnsResponder(NameDirectory names, List<InetSocketAddress> defaultUpstreams) {
        this.names = names;
        this.defaultUpstreams = List.copyOf(defaultUpstreams);
    }

    /**
     * Starts answering in the container's namespace (its loopback must be up). Replaces an earlier listener of the
     * same container. {@code upstreams} are the container's own servers ({@code --dns}); empty for the defaults.
     */
    public void open(String containerId, Path netns, List<InetSocketAddress> upstreams) throws IOException {
        close(containerId);
        Listener l = Syscalls.inNetworkNamespace(netns, () -> new Listener(DatagramChannel.open(StandardProtocolFamily.INET),
                ServerSocketChannel.open(StandardProtocolFamily.INET)));
        try {
            InetSocketAddress at = new InetSocketAddress(InetAddress.ofLiteral(ADDRESS), 53);
            l.udp().bind(at);
            l.tcp().bind(at, 16);
        } catch (IOException e) {
            l.close();
            throw e;
        }
        List<InetSocketAddress> up = upstreams.isEmpty() ? defaultUpstreams : List.copyOf(upstreams);
        listeners.put(containerId, l);
        String shortId = containerId.substring(0, 12);
        Thread.ofVirtual().name("dns-udp-" + shortId).start(() -> serveUdp(containerId, l, up));
        Thread.ofVirtual().name("dns-tcp-" + shortId).start(() -> serveTcp(containerId, l, up));
    }

    /** Stops answering for the container. Idempotent. */
    public void close(String containerId) {
        Listener l = listeners.remove(containerId);
        if (l != null) {
            l.close();
        }
    }

    public boolean serving(String containerId) {
        return listeners.containsKey(containerId);
    }

    @Override
    public void close() {
        List.copyOf(listeners.keySet()).forEach(this::close);
    }

    private void serveUdp(String containerId, Listener l, List<InetSocketAddress> upstreams) {
        DatagramChannel udp = l.udp();
        while (udp.isOpen()) {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            SocketAddress from;
            try {
                from = udp.receive(buf);
            } catch (IOException closed) {
                return;
            }
            if (!l.udpSlots().tryAcquire()) {
                // a container flooding its resolver gets silence, not a thread and an upstream socket per question
                continue;
            }
            byte[] query = Arrays.copyOf(buf.array(), buf.position());
            // a forwarded question may wait seconds for its upstream: it must not hold up the next one
            Thread.ofVirtual().start(() -> {
                try {
                    answer(containerId, query, upstreams, false).ifPresent(a -> {
                        try {
                            udp.send(ByteBuffer.wrap(a), from);
                        } catch (IOException ignored) {
                            // the container went away
                        }
                    });
                } finally {
                    l.udpSlots().release();
                }
            });
        }
    }

    private void serveTcp(String containerId, Listener l, List<InetSocketAddress> upstreams) {
        ServerSocketChannel tcp = l.tcp();
        while (tcp.isOpen()) {
            SocketChannel client;
            try {
                client = tcp.accept();
            } catch (IOException closed) {
                return;
            }
            if (!l.tcpSlots().tryAcquire()) {
                try {
                    client.close();
                } catch (IOException ignored) {
                    // refused either way
                }
                continue;
            }
            Thread.ofVirtual().start(() -> {
                try (Socket s = client.socket()) {
                    s.setSoTimeout(5000);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    while (true) {
                        byte[] query = new byte[in.readUnsignedShort()];
                        in.readFully(query);
                        Optional<byte[]> a = answer(containerId, query, upstreams, true);
                        if (a.isEmpty()) {
                            return;
                        }
                        out.writeShort(a.get().length);
                        out.write(a.get());
                        out.flush();
                    }
                } catch (IOException done) {
                    // the client closed, or sent garbage
                } finally {
                    l.tcpSlots().release();
                }
            });
        }
    }

    /** The answer to one query: from the directory, else from upstream; empty to stay silent on garbage. */
    Optional<byte[]> answer(String containerId, byte[] query, List<InetSocketAddress> upstreams, boolean tcp) {
        Message q;
        try {
            q = new Message(query);
        } catch (IOException garbage) {
            return Optional.empty();
        }
        Record question = q.getQuestion();
        if (q.getHeader().getFlag(Flags.QR)) {
            return Optional.empty();
        }
        if (question == null || q.getHeader().getOpcode() != Opcode.QUERY) {
            return Optional.of(reply(q, Rcode.NOTIMP).toWire());
        }
        String name = question.getName().toString(true);
        int type = question.getType();
        if (type == Type.A || type == Type.AAAA || type == Type.ANY) {
            List<String> found = names.addresses(containerId, name, false);
            List<String> found6 = names.addresses(containerId, name, true);
            if (!found.isEmpty() || !found6.isEmpty()) {
                // a name of the networks without an address of the asked family is an empty NOERROR, not forwarded
                Message r = reply(q, Rcode.NOERROR);
                r.getHeader().setFlag(Flags.AA);
                if (type != Type.AAAA) {
                    for (String a : found) {
                        r.addRecord(new ARecord(question.getName(), DClass.IN, TTL, InetAddress.ofLiteral(a)), Section.ANSWER);
                    }
                }
                if (type != Type.A) {
                    for (String a : found6) {
                        r.addRecord(new AAAARecord(question.getName(), DClass.IN, TTL, InetAddress.ofLiteral(a)), Section.ANSWER);
                    }
                }
                return Optional.of(r.toWire(tcp ? 65535 : 512));
            }
        }
        if (type == Type.PTR) {
            Optional<byte[]> ptr = reverse(containerId, q, question);
            if (ptr.isPresent()) {
                return ptr;
            }
        }
        if (!names.reachesOutside(containerId)) {
            // a container on internal networks only must not get a channel out through the engine (CVE-2024-29018)
            return Optional.of(reply(q, Rcode.SERVFAIL).toWire());
        }
        Optional<byte[]> forwarded = Upstreams.forward(query, upstreams, tcp);
        return Optional.of(forwarded.orElseGet(() -> reply(q, Rcode.SERVFAIL).toWire()));
    }

    private Optional<byte[]> reverse(String containerId, Message q, Record question) {
        String[] labels = question.getName().toString(true).split("\\.");
        if (labels.length != 6 || !question.getName().toString(true).endsWith(".in-addr.arpa")) {
            return Optional.empty();
        }
        String address = labels[3] + "." + labels[2] + "." + labels[1] + "." + labels[0];
        try {
            Optional<String> name = names.nameOf(containerId, address);
            if (name.isEmpty()) {
                return Optional.empty();
            }
            Message r = reply(q, Rcode.NOERROR);
            r.getHeader().setFlag(Flags.AA);
            r.addRecord(new PTRRecord(ReverseMap.fromAddress(address), DClass.IN, TTL, Name.fromString(name.get() + ".")),
                    Section.ANSWER);
            return Optional.of(r.toWire(512));
        } catch (TextParseException | java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Message reply(Message q, int rcode) {
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        if (q.getHeader().getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
        }
        r.getHeader().setRcode(rcode);
        if (q.getQuestion() != null) {
            r.addRecord(q.getQuestion(), Section.QUESTION);
        }
        return r;
    }
}
