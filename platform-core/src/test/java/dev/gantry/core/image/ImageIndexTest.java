package dev.gantry.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.plugin.storage.vfs.VfsDriver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory image index and the stored layer sizes, against the rows they mirror. */
class ImageIndexTest {
    @TempDir
    Path root;

    private static ImageRecord load(ImageStoreTest.Engine engine, String tag, String content) throws IOException {
        byte[] l = ImageStoreTest.layer(Map.of("f", content));
        engine.archive().load(new ByteArrayInputStream(ImageStoreTest.archive(tag, List.of(l), List.of())));
        return engine.images().resolve(tag);
    }

    @Test
    void followsEveryChangeAndReloadsFromTheRows() throws IOException {
        ImageRecord a;
        ImageRecord b;
        try (var engine = ImageStoreTest.Engine.open(root, new VfsDriver())) {
            ImageStore images = engine.images();
            a = load(engine, "app:1", "one");
            b = load(engine, "other:1", "two");
            assertEquals(2, images.count());
            images.tag("app:1", Reference.parse("app:2"));
            assertEquals(List.of("app:1", "app:2"), images.resolve("app:2").repoTags());
            // a tag moves: the image it named loses it
            images.tag("other:1", Reference.parse("app:2"));
            assertEquals(List.of("app:1"), images.resolve(a.id().toString()).repoTags());
            assertEquals(List.of("other:1", "app:2"), images.resolve("app:2").repoTags());
            images.remove("app:1", false, false);
            assertTrue(images.find("app:1").isEmpty());
            assertTrue(images.find(a.id().toString()).isEmpty());
            assertEquals(List.of(b.id()), images.list().stream().map(ImageRecord::id).toList());
        }
        try (var reopened = ImageStoreTest.Engine.open(root, new VfsDriver())) {
            ImageStore images = reopened.images();
            assertEquals(1, images.count());
            assertEquals(List.of("other:1", "app:2"), images.resolve(b.id().hex().substring(0, 12)).repoTags());
            assertEquals(b.config(), images.resolve("app:2").config());
        }
    }

    @Test
    void findsByNameIdAndUniquePrefixAsTheRowsDid() throws IOException {
        try (var engine = ImageStoreTest.Engine.open(root, new VfsDriver())) {
            ImageRecord a = load(engine, "app:1", "one");
            ImageStore images = engine.images();
            assertEquals(a.id(), images.resolve("docker.io/library/app:1").id());
            assertEquals(a.id(), images.resolve(a.id().toString()).id());
            assertEquals(a.id(), images.resolve(a.id().hex().substring(0, 5)).id());
            assertTrue(images.find("app:2").isEmpty());
            assertTrue(images.find("sha256:" + "0".repeat(64)).isEmpty());
            images.prune(false);
            assertEquals(0, images.count());
            assertTrue(images.list().isEmpty());
        }
    }

    @Test
    void layerSizesAreStoredOnCommitAndMeasuredOnceForOlderRows() throws IOException {
        try (var engine = ImageStoreTest.Engine.open(root, new VfsDriver())) {
            ImageRecord a = load(engine, "app:1", "12345");
            ImageRecord b = load(engine, "app:2", "1234567");
            String chainA = a.layers().getFirst().chainId().toString();
            long walked = engine.vfs().usage(chainA).bytes() + engine.vfs().usage(b.layers().getFirst().chainId().toString()).bytes();
            assertEquals(12, walked);

            assertEquals(walked, engine.images().layersDiskUsage());
            // a data root from before the column: the row has no size until it is first asked for
            engine.state().transaction(c -> c.prepareStatement("UPDATE layers SET disk_usage = NULL").executeUpdate());
            assertEquals(walked, engine.images().layersDiskUsage());
            int unmeasured = engine.state().read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM layers WHERE disk_usage IS NULL")) {
                    ResultSet rs = ps.executeQuery();
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(0, unmeasured, "measured sizes are recorded");
        }
    }
}
