package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What curl users and the docker CLI get, as dockerd gives it: query strings read as Go reads them (unencoded
 * JSON included), swarm-less answers, the list's ports.
 */
class ApiCompatIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GantryProcess gantry;

    @BeforeAll
    static void start() throws Exception {
        gantry = GantryProcess.start();
        var load = gantry.docker("load", "-i", TestImages.busybox().toString());
        assertEquals(0, load.code(), load.out());
        assertEquals(0, gantry.docker("network", "create", "compat-n1").code());
        assertEquals(0, gantry.docker("network", "create", "compat-n2").code());
    }

    @AfterAll
    static void stop() throws Exception {
        gantry.docker("network", "rm", "compat-n1", "compat-n2");
        gantry.close();
    }

    /** One request written byte for byte, as curl -g writes it: nothing encoded. */
    private static String raw(String requestLine) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(gantry.socket));
            ch.write(ByteBuffer.wrap((requestLine + "\r\nHost: d\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static JsonNode body(String response) throws IOException {
        return JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void unencodedJsonInTheQueryIsReadAsGoReadsIt() throws Exception {
        String r = raw("GET /networks?filters={\"name\":[\"compat-n1\"]} HTTP/1.1");
        assertTrue(r.startsWith("HTTP/1.1 200"), r);
        assertEquals(1, body(r).size(), r);
        assertEquals("compat-n1", body(r).get(0).path("Name").asText());
        // dockerd's own set form, behind a version prefix, with the other characters Go takes as they are
        r = raw("GET /v1.51/networks?filters={\"name\":{\"compat-n2\":true}}&x=|^`\\ HTTP/1.1");
        assertTrue(r.startsWith("HTTP/1.1 200"), r);
        assertEquals("compat-n2", body(r).get(0).path("Name").asText());
        var curl = gantry.curl("/containers/json?all=1&filters={\"name\":[\"nothing-by-this-name\"]}", "-g");
        assertEquals("[]", curl.out().strip());
    }

    @Test
    void unreadableQueriesAndFiltersAre400WithDockerdsWords() throws Exception {
        String r = raw("GET /networks?filters=%zz HTTP/1.1");
        assertTrue(r.startsWith("HTTP/1.1 400"), r);
        assertEquals("invalid URL escape \"%zz\"", body(r).path("message").asText());
        r = raw("POST /networks/prune?filters=garb1age} HTTP/1.1");
        assertTrue(r.startsWith("HTTP/1.1 400"), r);
        assertEquals("invalid filter", body(r).path("message").asText());
        var ls = gantry.docker("network", "ls", "--format", "{{.Name}}");
        assertTrue(ls.out().contains("compat-n1") && ls.out().contains("compat-n2"), "a refused prune deleted: " + ls.out());
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIsNotRefused() throws Exception {
        // docker-java (Testcontainers) sends its enum's name with PUT /archive; dockerd does not look at it
        var id = gantry.docker("create", "busybox", "true").out().strip();
        try {
            var r = gantry.shell("tar -C /etc -cf - hostname | curl -s -o /dev/null -w '%{http_code}' --unix-socket "
                    + gantry.socket + " -X PUT -H 'Content-Type: APPLICATION_X_TAR' --data-binary @- "
                    + "'http://d/containers/" + id + "/archive?path=/tmp'");
            assertEquals("200", r.out().strip(), r.out());
        } finally {
            gantry.docker("rm", "-f", id);
        }
    }

    @Test
    void swarmEndpointsAnswerAsADockerdOutsideASwarm() throws Exception {
        var nodes = gantry.docker("node", "ls");
        assertEquals(1, nodes.code());
        assertTrue(nodes.out().contains("This node is not a swarm manager. Use \"docker swarm init\" or "
                + "\"docker swarm join\" to connect this node to swarm and try again."), nodes.out());
        var leave = gantry.docker("swarm", "leave");
        assertTrue(leave.out().contains("This node is not part of a swarm"), leave.out());
        var init = gantry.docker("swarm", "init");
        assertTrue(init.out().contains("Gantry has no swarm mode"), init.out());
        assertTrue(raw("GET /v1.44/services/x/logs HTTP/1.1").startsWith("HTTP/1.1 503"));
        assertTrue(raw("DELETE /secrets/s1 HTTP/1.1").startsWith("HTTP/1.1 503"));
        assertTrue(raw("GET /swarmy HTTP/1.1").startsWith("HTTP/1.1 404"), "only swarm's own paths");
    }

    @Test
    void dockerPsShowsPublishedPorts() throws Exception {
        var run = gantry.docker("run", "-d", "--name", "compat-ports", "-p", "127.0.0.1::80", "busybox", "sleep", "300");
        assertEquals(0, run.code(), run.out());
        try {
            String port = gantry.docker("port", "compat-ports", "80/tcp").out().strip();
            assertTrue(port.startsWith("127.0.0.1:"), port);
            var ps = gantry.docker("ps", "--filter", "name=compat-ports", "--format", "{{.Ports}}");
            assertEquals(port + "->80/tcp", ps.out().strip());
            var filtered = gantry.docker("ps", "-q", "--filter", "publish=80", "--filter", "expose=80/tcp");
            assertTrue(run.out().strip().startsWith(filtered.out().strip()) && !filtered.out().isBlank(), filtered.out());
        } finally {
            gantry.docker("rm", "-f", "compat-ports");
        }
    }
}
