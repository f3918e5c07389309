package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gantry.rest.TempRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A throwaway CA with a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
final class TestPki implements AutoCloseable {
    final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    static TestPki create() throws Exception {
        TestPki pki = new TestPki(Files.createTempDirectory("gantry-pki-"));
        pki.sh("openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 1 -subj /CN=gantry-test-ca");
        for (String who : List.of("server", "client")) {
            pki.sh("openssl req -newkey rsa:2048 -nodes -keyout " + who + ".key -out " + who + ".csr -subj /CN=" + who);
            Files.writeString(pki.dir.resolve(who + ".ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage="
                    + (who.equals("server") ? "serverAuth" : "clientAuth") + "\n");
            pki.sh("openssl x509 -req -in " + who + ".csr -CA ca.crt -CAkey ca.key -CAcreateserial -out " + who
                    + ".crt -days 1 -extfile " + who + ".ext");
        }
        return pki;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    private void sh(String command) throws Exception {
        var r = GantryProcess.run(List.of("sh", "-c", "cd " + dir + " && " + command), Map.of());
        assertEquals(0, r.code(), r.out());
    }

    @Override
    public void close() {
        TempRoots.deleteTree(dir);
    }
}
