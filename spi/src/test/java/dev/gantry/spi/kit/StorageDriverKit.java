package dev.gantry.spi.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.storage.Mount;
import dev.gantry.spi.storage.SnapshotInfo;
import dev.gantry.spi.storage.SnapshotKind;
import dev.gantry.spi.storage.StorageDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshotter checks, after containerd's snapshot test suite: every storage plugin passes these on the
 * real kernel. Content is written and read through real mounts of what the driver returns.
 */
public abstract class StorageDriverKit extends PluginKit<StorageDriver> {

    @TempDir
    protected Path work;
    protected StorageDriver driver;
    private final List<Path> mounted = new ArrayList<>();

    @Override
    protected Class<StorageDriver> serviceType() {
        return StorageDriver.class;
    }

    @Override
    protected PluginKind kind() {
        return PluginKind.STORAGE;
    }

    @BeforeEach
    void initDriver() throws IOException {
        driver = newPlugin();
        assertTrue(driver.probe().available(), "kit runs only where the plugin is available: " + driver.probe());
        driver.init(new PluginContext(dir("state"), dir("run"), Map.of()));
    }

    @AfterEach
    void unmountAll() {
        for (int i = mounted.size() - 1; i >= 0; i--) {
            HostTools.umount(mounted.get(i));
        }
        driver.close();
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(work.resolve(name));
    }

    /** Mounts the snapshot's mounts at a fresh directory and returns it. */
    protected Path mount(List<Mount> mounts) throws IOException {
        Path target = Files.createTempDirectory(work, "mnt");
        for (Mount m : mounts) {
            HostTools.mount(m, target);
            mounted.add(target);
        }
        return target;
    }

    protected void unmount(Path target) {
        HostTools.umount(target);
        mounted.remove(target);
    }

    /** Prepares, writes the given files, unmounts and commits: a layer. */
    protected void layer(String name, Optional<String> parent, Map<String, String> files) throws IOException {
        Path root = mount(driver.prepare(name + "-active", parent));
        for (var e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        unmount(root);
        driver.commit(name, name + "-active");
    }

    @Test
    void preparedSnapshotIsWritableAndEmpty() throws IOException {
        Path root = mount(driver.prepare("c1", Optional.empty()));
        try (var s = Files.list(root)) {
            assertEquals(0, s.count());
        }
        Files.writeString(root.resolve("hello"), "hi");
        assertEquals("hi", Files.readString(root.resolve("hello")));
        assertEquals(SnapshotKind.ACTIVE, driver.stat("c1").orElseThrow().kind());
    }

    @Test
    void childSeesParentContentAndParentIsUnchanged() throws IOException {
        layer("base", Optional.empty(), Map.of("etc/a", "A", "etc/b", "B"));
        Path child = mount(driver.prepare("c2", Optional.of("base")));
        assertEquals("A", Files.readString(child.resolve("etc/a")));
        Files.writeString(child.resolve("etc/a"), "changed");
        Files.delete(child.resolve("etc/b"));
        Path view = mount(driver.view("v1", Optional.of("base")));
        assertEquals("A", Files.readString(view.resolve("etc/a")));
        assertTrue(Files.exists(view.resolve("etc/b")));
    }

    @Test
    void viewIsReadOnly() throws IOException {
        layer("base", Optional.empty(), Map.of("f", "x"));
        List<Mount> mounts = driver.view("v", Optional.of("base"));
        assertTrue(mounts.stream().allMatch(Mount::readOnly), "view mounts carry ro");
        Path view = mount(mounts);
        assertThrows(IOException.class, () -> Files.writeString(view.resolve("g"), "y"));
        assertEquals(SnapshotKind.VIEW, driver.stat("v").orElseThrow().kind());
    }

    @Test
    void commitMakesAParentAndRemovesTheActiveKey() throws IOException {
        layer("l1", Optional.empty(), Map.of("one", "1"));
        layer("l2", Optional.of("l1"), Map.of("two", "2"));
        SnapshotInfo l2 = driver.stat("l2").orElseThrow();
        assertEquals(SnapshotKind.COMMITTED, l2.kind());
        assertEquals(Optional.of("l1"), l2.parent());
        assertTrue(driver.stat("l2-active").isEmpty());
        Path root = mount(driver.prepare("c", Optional.of("l2")));
        assertEquals("1", Files.readString(root.resolve("one")));
        assertEquals("2", Files.readString(root.resolve("two")));
    }

    @Test
    void keysMayContainSlashesAndColons() throws IOException {
        layer("sha256:ab/cd", Optional.empty(), Map.of("x", "y"));
        assertTrue(driver.stat("sha256:ab/cd").isPresent());
    }

    @Test
    void duplicateKeyIsAConflictAndMissingParentNotFound() {
        driver.prepare("dup", Optional.empty());
        var conflict = assertThrows(PluginException.class, () -> driver.prepare("dup", Optional.empty()));
        assertEquals(PluginException.Reason.CONFLICT, conflict.reason());
        var missing = assertThrows(PluginException.class, () -> driver.prepare("c", Optional.of("nope")));
        assertEquals(PluginException.Reason.NOT_FOUND, missing.reason());
    }

    @Test
    void activeSnapshotCannotBeAParent() {
        driver.prepare("active", Optional.empty());
        assertThrows(PluginException.class, () -> driver.prepare("c", Optional.of("active")));
    }

    @Test
    void removeIsIdempotentAndRefusesParentsInUse() throws IOException {
        layer("p", Optional.empty(), Map.of("f", "1"));
        driver.prepare("c", Optional.of("p"));
        var e = assertThrows(PluginException.class, () -> driver.remove("p"));
        assertEquals(PluginException.Reason.CONFLICT, e.reason());
        driver.remove("c");
        driver.remove("c");
        driver.remove("p");
        assertTrue(driver.stat("p").isEmpty());
        assertTrue(driver.stat("never-was").isEmpty());
    }

    @Test
    void usageCountsOwnContent() throws IOException {
        layer("u", Optional.empty(), Map.of("big", "x".repeat(10_000)));
        var usage = driver.usage("u");
        assertTrue(usage.bytes() >= 10_000, "usage " + usage);
        assertTrue(usage.inodes() >= 1);
        assertThrows(PluginException.class, () -> driver.usage("missing"));
    }

    @Test
    void walkVisitsEverySnapshot() throws IOException {
        layer("w1", Optional.empty(), Map.of("a", "a"));
        driver.prepare("w2", Optional.of("w1"));
        List<String> keys = new ArrayList<>();
        driver.walk(i -> keys.add(i.key()));
        assertTrue(keys.containsAll(List.of("w1", "w2")), keys.toString());
    }

    @Test
    void stateSurvivesARestartOfThePlugin() throws IOException {
        layer("keep", Optional.empty(), Map.of("k", "v"));
        driver.close();
        driver = newPlugin();
        driver.init(new PluginContext(work.resolve("state"), work.resolve("run"), Map.of()));
        assertEquals(SnapshotKind.COMMITTED, driver.stat("keep").orElseThrow().kind());
        Path root = mount(driver.view("keep-view", Optional.of("keep")));
        assertEquals("v", Files.readString(root.resolve("k")));
    }

    @Test
    void mountsOfMissingKeyIsNotFound() {
        var e = assertThrows(PluginException.class, () -> driver.mounts("missing"));
        assertEquals(PluginException.Reason.NOT_FOUND, e.reason());
        assertFalse(driver.stat("missing").isPresent());
    }
}
