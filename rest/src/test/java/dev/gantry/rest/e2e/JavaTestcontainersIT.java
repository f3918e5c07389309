package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Testcontainers-java, unchanged, against {@code scripts/gantry serve}: what a Java team tries first.
 *
 * <p>It is configured only the way a user configures it, through the test JVM's environment (failsafe's
 * {@code environmentVariables} in rest/pom.xml): {@code DOCKER_HOST} names a socket path under {@code target/},
 * which this test links to the engine it starts; {@code TESTCONTAINERS_RYUK_DISABLED=true}, since Ryuk's image is
 * not obtainable here (each test removes what it starts); {@code TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1}, since
 * with {@code /.dockerenv} present Testcontainers believes it runs in a container and would look for the default
 * bridge's gateway to reach mapped ports. The engine runs with {@code --ip 127.0.0.1}, so the ports Testcontainers
 * publishes without a host address stay on loopback.
 */
class JavaTestcontainersIT {
    private static final DockerImageName BUSYBOX = DockerImageName.parse("busybox:latest");
    /** busybox's httpd serving one page, in the foreground so the container lives as long as the server. */
    private static final String[] HTTPD = {"sh", "-c",
        "mkdir -p /www && echo hello from $(hostname) > /www/index.html && exec httpd -f -p 80 -h /www"};
    private static GantryProcess gantry;
    private static Path dockerHost;

    @BeforeAll
    static void start() throws Exception {
        String host = System.getenv("DOCKER_HOST");
        assertNotNull(host, "run through failsafe: rest/pom.xml gives this JVM DOCKER_HOST and the Testcontainers settings");
        assertEquals("true", System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
        // Testcontainers publishes ports without a host address: the engine's default keeps them on loopback
        gantry = GantryProcess.start("--ip", "127.0.0.1");
        var load = gantry.docker("load", "-i", TestImages.busybox().toString());
        assertEquals(0, load.code(), load.out());
        dockerHost = Path.of(URI.create(host).getPath());
        Files.createDirectories(dockerHost.getParent());
        Files.deleteIfExists(dockerHost);
        Files.createSymbolicLink(dockerHost, gantry.socket);
    }

    @AfterAll
    static void stop() throws Exception {
        if (dockerHost != null) {
            Files.deleteIfExists(dockerHost);
        }
        if (gantry != null) {
            gantry.close();
        }
    }

    @Test
    void theClientAcceptsTheEngine() {
        assertTrue(DockerClientFactory.instance().isDockerAvailable(), "Testcontainers found no usable Docker");
        assertEquals("1.51", DockerClientFactory.instance().getActiveApiVersion());
    }

    @Test
    void logWaitExecAndCopyFile() throws Exception {
        Path file = Files.createTempFile("gantry-tc-", ".txt");
        Files.writeString(file, "copied by testcontainers\n");
        try (var c = new GenericContainer<>(BUSYBOX)
                .withCommand("sh", "-c", "echo starting; sleep 1; echo ready to serve; exec sleep 300")
                .waitingFor(Wait.forLogMessage(".*ready to serve.*\\n", 1).withStartupTimeout(Duration.ofSeconds(60)))) {
            c.start();
            assertTrue(c.getLogs().contains("starting"), c.getLogs());
            var echo = c.execInContainer("sh", "-c", "echo out; echo err >&2; exit 3");
            assertEquals("out\n", echo.getStdout());
            assertEquals("err\n", echo.getStderr());
            assertEquals(3, echo.getExitCode());
            c.copyFileToContainer(MountableFile.forHostPath(file), "/tmp/in/copied.txt");
            var cat = c.execInContainer("cat", "/tmp/in/copied.txt");
            assertEquals("copied by testcontainers\n", cat.getStdout(), cat.getStderr());
            assertEquals(0, cat.getExitCode());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void mappedPortWithHttpWait() throws Exception {
        try (var c = new GenericContainer<>(BUSYBOX).withCommand(HTTPD).withExposedPorts(80)
                .waitingFor(Wait.forHttp("/").forStatusCode(200).withStartupTimeout(Duration.ofSeconds(60)))) {
            c.start();
            assertEquals("127.0.0.1", c.getHost());
            int port = c.getMappedPort(80);
            var page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().startsWith("hello from "), page.body());
            // published on loopback only: the engine's default bind address, not 0.0.0.0
            var ps = gantry.docker("port", c.getContainerId(), "80/tcp");
            assertEquals("127.0.0.1:" + port, ps.out().strip(), ps.out());
        }
    }

    @Test
    void containersOnANetworkReachEachOtherByAlias() throws Exception {
        try (Network network = Network.newNetwork();
             var web = new GenericContainer<>(BUSYBOX).withCommand(HTTPD).withNetwork(network)
                     .withNetworkAliases("web").withExposedPorts(80).waitingFor(Wait.forListeningPort());
             var client = new GenericContainer<>(BUSYBOX).withCommand("sleep", "300").withNetwork(network)) {
            web.start();
            client.start();
            var fetched = client.execInContainer("wget", "-q", "-O", "-", "http://web/");
            assertEquals(0, fetched.getExitCode(), fetched.getStderr());
            assertTrue(fetched.getStdout().startsWith("hello from "), fetched.getStdout());
        }
    }
}
