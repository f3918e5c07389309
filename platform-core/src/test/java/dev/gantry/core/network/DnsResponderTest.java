package dev.gantry.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.core.event.EventBus;
import dev.gantry.core.state.StateStore;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The embedded DNS's answers, from real records in a state store: no sockets, no namespaces. */
class DnsResponderTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);
    private static final String D = "d".repeat(64);
    private static final String E = "e".repeat(64);
    private static final String F = "f".repeat(64);
    private static final String G = "0".repeat(64);
    private Path root;
    private StateStore state;
    private DnsResponder dns;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("gantry-dns-");
        state = StateStore.open(root);
        NetworkStore store = new NetworkStore(state, new EventBus(16));
        store.ensureBuiltIns(true);
        NetworkRecord n1 = store.create(new NetworkStore.Request("n1", "bridge", List.of(pool("10.77.1.0/24")),
                false, false, false, Map.of(), Map.of()));
        NetworkRecord n2 = store.create(new NetworkStore.Request("n2", "bridge", List.of(pool("10.77.2.0/24")),
                false, false, false, Map.of(), Map.of()));
        NetworkRecord n6 = store.create(new NetworkStore.Request("n6", "bridge",
                List.of(pool("10.77.6.0/24"), pool("fd00:77:6::/64")), true, false, false, Map.of(), Map.of()));
        store.allocate(n1, A, NetworkStore.Wanted.nothing(), List.of(), List.of("Web"));
        store.allocate(n1, B, new NetworkStore.Wanted(Optional.of("10.77.1.9"), Optional.empty(), Optional.empty(), List.of()),
                List.of(), List.of());
        store.allocate(n2, C, NetworkStore.Wanted.nothing(), List.of(), List.of());
        store.allocate(store.resolve("bridge"), C, NetworkStore.Wanted.nothing(), List.of(), List.of());
        store.allocate(n6, D, NetworkStore.Wanted.nothing(), List.of(), List.of());
        store.allocate(n6, E, NetworkStore.Wanted.nothing(), List.of(), List.of());
        NetworkRecord in = store.create(new NetworkStore.Request("in", "bridge", List.of(pool("10.77.3.0/24")),
                false, true, false, Map.of(), Map.of()));
        store.allocate(in, F, NetworkStore.Wanted.nothing(), List.of(), List.of());
        store.allocate(in, G, NetworkStore.Wanted.nothing(), List.of(), List.of());
        store.allocate(n2, G, NetworkStore.Wanted.nothing(), List.of(), List.of());
        Map<String, String> names = Map.of(A, "alpha", B, "beta", C, "gamma", D, "delta", E, "epsilon", F, "phi", G, "gee");
        dns = new DnsResponder(new NameDirectory(store, id -> Optional.ofNullable(names.get(id))), List.of());
    }

    private static NetworkStore.PoolRequest pool(String subnet) {
        return new NetworkStore.PoolRequest(Optional.of(subnet), Optional.empty(), Optional.empty(), Map.of());
    }

    @Test
    void ipv6NetworksAnswerAaaa() throws Exception {
        Message v6 = ask(E, "delta", Type.AAAA);
        assertEquals(Rcode.NOERROR, v6.getRcode());
        assertEquals(InetAddress.ofLiteral("fd00:77:6::2"),
                ((org.xbill.DNS.AAAARecord) v6.getSection(Section.ANSWER).getFirst()).getAddress());
        assertEquals(InetAddress.ofLiteral("10.77.6.2"),
                ((org.xbill.DNS.ARecord) ask(E, "delta", Type.A).getSection(Section.ANSWER).getFirst()).getAddress());
    }

    @AfterEach
    void tearDown() {
        state.close();
        dev.gantry.core.layer.FileTrees.deleteQuietly(root);
    }

    private Message ask(String asker, String name, int type) throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, 1));
        byte[] answer = dns.answer(asker, q.toWire(), List.of(), false).orElseThrow();
        Message r = new Message(answer);
        assertEquals(q.getHeader().getID(), r.getHeader().getID());
        assertTrue(r.getHeader().getFlag(Flags.QR));
        return r;
    }

    @Test
    void namesAliasesAndShortIdsOnSharedNetworks() throws Exception {
        Message byName = ask(B, "alpha", Type.A);
        assertEquals(Rcode.NOERROR, byName.getRcode());
        assertEquals(InetAddress.ofLiteral("10.77.1.2"), ((org.xbill.DNS.ARecord) byName.getSection(Section.ANSWER).getFirst()).getAddress());
        assertEquals(1, ask(B, "WEB", Type.A).getSection(Section.ANSWER).size(), "names match in any case");
        assertEquals(1, ask(B, A.substring(0, 12), Type.A).getSection(Section.ANSWER).size());
        Message v6 = ask(B, "alpha", Type.AAAA);
        assertEquals(Rcode.NOERROR, v6.getRcode());
        assertTrue(v6.getSection(Section.ANSWER).isEmpty(), "known name, no IPv6 address");
    }

    @Test
    void otherNetworksAndTheDefaultBridgeAreNotAsked() throws Exception {
        // no upstreams here: a name the directory does not know gets SERVFAIL
        assertEquals(Rcode.SERVFAIL, ask(C, "alpha", Type.A).getRcode());
        assertEquals(Rcode.SERVFAIL, ask(A, "gamma", Type.A).getRcode());
    }

    /** CVE-2024-29018: a container on internal networks only gets no answer from outside through the engine. */
    @Test
    void internalOnlyContainersAreNotForwarded() throws Exception {
        try (java.net.DatagramSocket upstream = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            upstream.setSoTimeout(300);
            List<java.net.InetSocketAddress> ups = List.of((java.net.InetSocketAddress) upstream.getLocalSocketAddress());
            Message q = Message.newQuery(Record.newRecord(Name.fromString("example.com."), Type.A, 1));
            Message r = new Message(dns.answer(F, q.toWire(), ups, false).orElseThrow());
            assertEquals(Rcode.SERVFAIL, r.getRcode());
            java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[512], 512);
            org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketTimeoutException.class, () -> upstream.receive(p),
                    "the upstream got a question from an internal-only container");
            assertEquals(1, ask(F, "gee", Type.A).getSection(Section.ANSWER).size(), "names of its network still resolve");
            // on an internal and a non-internal network the question goes out
            Thread asker = Thread.ofVirtual().start(() -> dns.answer(G, q.toWire(), ups, false));
            upstream.receive(p);
            assertTrue(p.getLength() > 0);
            asker.join();
        }
    }

    @Test
    void reverseLookupGivesNameDotNetwork() throws Exception {
        Message q = Message.newQuery(Record.newRecord(ReverseMap.fromAddress("10.77.1.9"), Type.PTR, 1));
        Message r = new Message(dns.answer(A, q.toWire(), List.of(), false).orElseThrow());
        assertEquals("beta.n1.", r.getSection(Section.ANSWER).getFirst().rdataToString());
    }

    @Test
    void garbageAndAnswersGetNoReply() throws Exception {
        assertTrue(dns.answer(A, new byte[] {1, 2, 3}, List.of(), false).isEmpty());
        Message answer = Message.newQuery(Record.newRecord(Name.fromString("alpha."), Type.A, 1));
        answer.getHeader().setFlag(Flags.QR);
        assertTrue(dns.answer(B, answer.toWire(), List.of(), false).isEmpty());
    }
}
