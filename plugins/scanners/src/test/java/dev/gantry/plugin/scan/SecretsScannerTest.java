package dev.gantry.plugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.plugin.scan.secrets.SecretsScanner;
import dev.gantry.spi.kit.ImageScannerKit;
import dev.gantry.spi.scan.Finding;
import dev.gantry.spi.scan.ImageScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsScannerTest extends ImageScannerKit {
    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Override
    protected ImageScanner newPlugin() {
        return new SecretsScanner();
    }

    @Override
    protected void populate(Path root) throws IOException {
        Fixtures.write(root, "root/.aws/credentials", "[default]\naws_access_key_id = " + KEY_ID
                + "\naws_secret_access_key = " + SECRET + "\n");
    }

    @Test
    void findsMasksAndTellsTheLayerEvenOfDeletedFiles() throws IOException {
        Path bottom = Files.createDirectories(work.resolve("b"));
        populate(bottom);
        Fixtures.write(bottom, "root/key", "junk\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
        Fixtures.write(bottom, "srv/app/.env", "DEBUG=1\nDB_PASSWORD=hunter2hunter2\n");
        Path top = Files.createDirectories(work.resolve("t"));
        populate(top);
        Fixtures.write(top, "srv/app/.env", "DEBUG=1\nDB_PASSWORD=hunter2hunter2\n");
        List<Finding> f = initialised().scan(layered(bottom, top));
        Finding key = only(f, "private-key");
        assertEquals("/root/key", key.file());
        assertEquals(0, key.layer());
        assertEquals(2, key.line());
        assertTrue(key.title().contains("removed"), key.title());
        Finding id = only(f, "aws-access-key-id");
        assertEquals(0, id.layer(), "unchanged since the bottom layer");
        assertEquals("/root/.aws/credentials", id.file());
        assertEquals(2, id.line());
        assertEquals("AKIA********", id.maskedValue());
        Finding secret = only(f, "aws-secret-access-key");
        assertFalse(secret.maskedValue().contains(SECRET.substring(4)));
        assertEquals(3, secret.line());
        assertEquals(0, only(f, "dotenv-secret").layer());
        assertFalse(f.toString().contains(SECRET) || f.toString().contains(KEY_ID) || f.toString().contains("hunter2hunter2"));
    }

    @Test
    void envLabelsAndHistoryAreSearched() throws IOException {
        Path root = Files.createDirectories(work.resolve("r"));
        var base = layered(root, root);
        var view = new dev.gantry.spi.scan.ImageView(base.imageId(), root,
                List.of("GITHUB_TOKEN=ghp_" + "a".repeat(36)), "", java.util.Map.of("slack", "xoxb-1234567890-abcdef"),
                List.of(new dev.gantry.spi.scan.ImageView.HistoryStep(0, "RUN echo " + KEY_ID, false)),
                base.layers(), java.util.Set.of(), false);
        List<Finding> f = initialised().scan(view);
        assertEquals("ENV", only(f, "github-token").location());
        assertEquals("LABEL slack", only(f, "slack-token").location());
        assertEquals(0, only(f, "aws-access-key-id").historyStep());
    }

    static Finding only(List<Finding> f, String id) {
        List<Finding> m = f.stream().filter(x -> x.id().equals(id)).toList();
        assertEquals(1, m.size(), id + " in " + f);
        return m.getFirst();
    }
}
