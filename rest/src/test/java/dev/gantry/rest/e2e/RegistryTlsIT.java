package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A registry over HTTPS with a private CA: refused until the CA is placed in {@code <data-root>/certs.d/<host>/},
 * then push and pull work (Docker's certs.d convention).
 */
class RegistryTlsIT {

    @Test
    void httpsRegistryWithAPrivateCa() throws Exception {
        Path images = Files.createTempDirectory("gantry-tls-images-");
        try (TestPki pki = TestPki.create(); LocalRegistry registry = LocalRegistry.start("", pki);
             GantryProcess gantry = GantryProcess.start()) {
            assertEquals(0, GantryProcess.run(List.of(GantryProcess.TOP.resolve("scripts/make-test-images").toString(), images.toString()), Map.of()).code());
            assertEquals(0, gantry.docker("load", "-i", images.resolve("busybox.tar").toString()).code());
            String ref = registry.host() + "/secure/busybox:1";
            assertEquals(0, gantry.docker("tag", "busybox", ref).code());
            // loopback without a CA: plain HTTP, which an HTTPS registry does not answer
            var refused = gantry.docker("push", ref);
            assertNotEquals(0, refused.code(), refused.out());
            Path certs = Files.createDirectories(gantry.root.resolve("data/certs.d").resolve(registry.host()));
            Files.copy(pki.file("ca.crt"), certs.resolve("ca.crt"));
            var pushed = gantry.docker("push", ref);
            assertEquals(0, pushed.code(), pushed.out());
            assertTrue(pushed.out().contains("digest: sha256:"), pushed.out());
            assertEquals(0, gantry.docker("rmi", ref).code());
            var pulled = gantry.docker("pull", ref);
            assertEquals(0, pulled.code(), pulled.out());
            assertNotEquals("", gantry.docker("images", "-q", ref).out().strip());
        } finally {
            TempRoots.deleteTree(images);
        }
    }
}
