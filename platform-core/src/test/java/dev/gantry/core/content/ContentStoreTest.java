package dev.gantry.core.content;

import dev.gantry.core.EngineException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {
    @TempDir
    Path root;

    @Test
    void storesByDigestAndVerifies() throws IOException {
        ContentStore store = ContentStore.open(root);
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        Digest d = store.write(data);
        assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", d.toString());
        assertArrayEquals(data, store.read(d));
        assertEquals(d, store.write(new ByteArrayInputStream(data), Optional.of(d)));
        assertEquals(0, store.pendingWrites());
    }

    @Test
    void aMismatchedBlobIsRefusedAndNotStored() throws IOException {
        ContentStore store = ContentStore.open(root);
        Digest claimed = Digest.of("something else".getBytes(StandardCharsets.UTF_8));
        assertThrows(DigestMismatchException.class,
                () -> store.write(new ByteArrayInputStream("evil".getBytes(StandardCharsets.UTF_8)), Optional.of(claimed)));
        assertFalse(store.exists(claimed));
        assertFalse(store.exists(Digest.of("evil".getBytes(StandardCharsets.UTF_8))));
        assertEquals(0, store.pendingWrites());
        assertTrue(store.all().isEmpty());
    }

    @Test
    void aReceivedBlobIsReadableBeforeItIsStoredAndGoneIfNeverStored() throws IOException {
        ContentStore store = ContentStore.open(root);
        byte[] data = "received".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.of(data);
        try (ContentStore.Received r = store.receive(new ByteArrayInputStream(data), Optional.of(d))) {
            assertFalse(store.exists(d));
            try (var early = r.open()) {
                r.store();
                assertTrue(store.exists(d));
                // a reader opened before the store reads on after the rename
                assertArrayEquals(data, early.readAllBytes());
            }
        }
        assertEquals(0, store.pendingWrites());
        byte[] other = "never stored".getBytes(StandardCharsets.UTF_8);
        try (ContentStore.Received r = store.receive(new ByteArrayInputStream(other), Optional.empty())) {
            assertEquals(Digest.of(other), r.digest());
        }
        assertFalse(store.exists(Digest.of(other)));
        assertEquals(0, store.pendingWrites());
    }

    @Test
    void streamedWritesAppearOnlyWhenCommitted() throws IOException {
        ContentStore store = ContentStore.open(root);
        byte[] data = "streamed".getBytes(StandardCharsets.UTF_8);
        try (ContentStore.BlobWriter w = store.writer()) {
            w.write(data);
            // closed without commit: discarded
        }
        assertFalse(store.exists(Digest.of(data)));
        assertEquals(0, store.pendingWrites());
        Digest d;
        try (ContentStore.BlobWriter w = store.writer()) {
            w.write(data);
            d = w.commit();
        }
        assertEquals(Digest.of(data), d);
        assertArrayEquals(data, store.read(d));
        assertEquals(0, store.pendingWrites());
    }

    @Test
    void leftoversOfACrashAreCleanedAtOpen() throws IOException {
        ContentStore.open(root);
        Files.writeString(root.resolve("tmp/blob-123.part"), "half");
        ContentStore store = ContentStore.open(root);
        assertEquals(0, store.pendingWrites());
    }

    @Test
    void digestsAreValidated() {
        assertThrows(EngineException.class, () -> Digest.parse("md5:abc"));
        assertThrows(EngineException.class, () -> Digest.parse("sha256:../../etc/passwd"));
        assertTrue(Digest.isDigest("sha256:" + "a".repeat(64)));
    }
}
