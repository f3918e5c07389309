package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TCP with --tls-*: a client needs a certificate from the given CA; the docker CLI's --tlsverify works. */
class MutualTlsIT {
    private static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.create();
    }

    @AfterAll
    static void removeCertificates() {
        pki.close();
    }

    @Test
    void onlyClientsWithACertificateFromTheCaGetIn() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "https://127.0.0.1:" + port + "/version";
        try (GantryProcess g = GantryProcess.start("--tcp", "127.0.0.1:" + port,
                "--tls-cert", pki.file("server.crt").toString(), "--tls-key", pki.file("server.key").toString(),
                "--tls-ca", pki.file("ca.crt").toString())) {
            List<String> withCert = List.of("curl", "-sf", "-m", "10", "--cacert", pki.file("ca.crt").toString(),
                    "--cert", pki.file("client.crt").toString(), "--key", pki.file("client.key").toString(), url);
            // the TLS listener comes up a moment after the unix socket
            var with = GantryProcess.run(withCert, Map.of());
            for (int i = 0; i < 100 && with.code() == 7; i++) {
                Thread.sleep(100);
                with = GantryProcess.run(withCert, Map.of());
            }
            assertEquals(0, with.code(), with.out());
            var without = GantryProcess.run(List.of("curl", "-s", "-m", "10", "--cacert", pki.file("ca.crt").toString(), url), Map.of());
            assertNotEquals(0, without.code(), "a client without a certificate got in: " + without.out());
            assertNotEquals(7, without.code(), "the listener went away");
            var plain = GantryProcess.run(List.of("curl", "-s", "-m", "10", "http://127.0.0.1:" + port + "/_ping"), Map.of());
            assertNotEquals("OK", plain.out().strip(), "plain HTTP must not be served beside mutual TLS");
            var docker = GantryProcess.run(List.of(GantryProcess.dockerCli(), "--tlsverify",
                    "--tlscacert", pki.file("ca.crt").toString(), "--tlscert", pki.file("client.crt").toString(),
                    "--tlskey", pki.file("client.key").toString(), "-H", "tcp://127.0.0.1:" + port,
                    "version", "--format", "{{.Server.APIVersion}}"), Map.of());
            assertEquals("1.51", docker.out().strip(), docker.out());
        }
    }
}
