package dev.gantry.plugin.storage.support;

import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.spi.plugin.PluginException;
import dev.gantry.spi.storage.Mount;
import dev.gantry.spi.storage.SnapshotInfo;
import dev.gantry.spi.storage.SnapshotKind;
import dev.gantry.spi.storage.StorageDriver;
import dev.gantry.spi.storage.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What snapshotters that keep each snapshot in a directory share: the metadata, the rules of the snapshot tree
 * (keys unique, parents committed, no removal under children), and crash safety. A snapshot is built in
 * {@code tmp/} and renamed into {@code snapshots/} when complete; removal renames it into {@code tmp/} first;
 * {@link #init} empties {@code tmp/}. Subclasses say what a new snapshot holds and how it is mounted.
 * The snapshots' metadata is read once at {@link #init} and kept in memory ({@code byKey}): only this driver
 * changes it, and reading every snapshot's info file to look a key up made each container's create and remove
 * cost a directory scan under the driver's lock. New snapshots are filled and removed ones deleted outside it.
 */
public abstract class DirectorySnapshotter implements StorageDriver {
    private Path snapshots;
    private Path tmp;
    private final Map<String, SnapshotDir> byKey = new HashMap<>();
    /** Snapshots being filled, by key, with their parent: taken keys, and children a parent's removal must see. */
    private final Map<String, Optional<String>> filling = new HashMap<>();

    /** Fills a new snapshot's directory ({@code building/fs} exists) from its parent. */
    protected abstract void populate(Path building, Optional<SnapshotDir> parent, SnapshotKind kind) throws IOException;

    /** The mounts that show an active or view snapshot. */
    protected abstract List<Mount> mountsOf(SnapshotDir snapshot);

    @Override
    public void init(PluginContext context) throws IOException {
        snapshots = Files.createDirectories(context.stateDir().resolve("snapshots"));
        tmp = Files.createDirectories(context.stateDir().resolve("tmp"));
        try (Stream<Path> leftovers = Files.list(tmp)) {
            for (Path p : leftovers.toList()) {
                deleteTree(p);
            }
        }
        synchronized (this) {
            byKey.clear();
            all().forEach(s -> byKey.put(s.info().key(), s));
        }
    }

    @Override
    public List<Mount> prepare(String key, Optional<String> parent) {
        return create(key, parent, SnapshotKind.ACTIVE);
    }

    @Override
    public List<Mount> view(String key, Optional<String> parent) {
        return create(key, parent, SnapshotKind.VIEW);
    }

    private List<Mount> create(String key, Optional<String> parent, SnapshotKind kind) {
        Optional<SnapshotDir> parentDir;
        synchronized (this) {
            refuseTaken(key);
            parentDir = parent.map(this::committed);
            filling.put(key, parent);
        }
        // filled in tmp/ without the lock (a vfs snapshot copies its parent); the parent cannot be removed
        // meanwhile, as remove() counts the snapshots being filled among its children
        Path building = tmp.resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(building.resolve("fs"));
            populate(building, parentDir, kind);
            SnapshotInfo info = new SnapshotInfo(key, parent, kind);
            SnapshotDir.writeInfo(building, info);
            SnapshotDir made = new SnapshotDir(pathOf(key), info);
            synchronized (this) {
                filling.remove(key);
                Files.move(building, made.dir());
                byKey.put(key, made);
            }
            return mountsOf(made);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                filling.remove(key);
            }
            deleteQuietly(building);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw PluginException.failed("preparing snapshot " + key + ": " + e.getMessage(), e);
        }
    }

    private void refuseTaken(String key) {
        if (byKey.containsKey(key) || filling.containsKey(key)) {
            throw PluginException.conflict("snapshot " + key + " already exists");
        }
    }

    @Override
    public synchronized List<Mount> mounts(String key) {
        SnapshotDir s = existing(key);
        if (s.info().kind() == SnapshotKind.COMMITTED) {
            throw PluginException.notFound("snapshot " + key + " is committed; prepare or view it to mount it");
        }
        return mountsOf(s);
    }

    @Override
    public synchronized void commit(String name, String key) {
        SnapshotDir active = existing(key);
        if (active.info().kind() != SnapshotKind.ACTIVE) {
            throw new PluginException(PluginException.Reason.INVALID, "snapshot " + key + " is not active");
        }
        if (find(name).isPresent()) {
            throw PluginException.conflict("snapshot " + name + " already exists");
        }
        try {
            // the new identity is recorded first: a crash between the two steps leaves a committed snapshot under
            // the old directory name, which find() still resolves through its recorded key
            SnapshotInfo committed = new SnapshotInfo(name, active.info().parent(), SnapshotKind.COMMITTED);
            SnapshotDir.writeInfo(active.dir(), committed);
            // from here the disk says committed, under the old directory name until the move
            byKey.remove(key);
            byKey.put(name, new SnapshotDir(active.dir(), committed));
            Files.move(active.dir(), pathOf(name));
            byKey.put(name, new SnapshotDir(pathOf(name), committed));
        } catch (IOException e) {
            throw PluginException.failed("committing " + key + " as " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String key) {
        Path doomed = tmp.resolve(UUID.randomUUID().toString());
        synchronized (this) {
            Optional<SnapshotDir> s = find(key);
            if (s.isEmpty()) {
                return;
            }
            List<String> children = new ArrayList<>();
            walk(i -> {
                if (i.parent().equals(Optional.of(key))) {
                    children.add(i.key());
                }
            });
            filling.forEach((child, parent) -> {
                if (parent.equals(Optional.of(key))) {
                    children.add(child);
                }
            });
            if (!children.isEmpty()) {
                throw PluginException.conflict("snapshot " + key + " is the parent of " + children);
            }
            try {
                Files.move(s.get().dir(), doomed);
            } catch (IOException e) {
                throw PluginException.failed("removing snapshot " + key + ": " + e.getMessage(), e);
            }
            byKey.remove(key);
        }
        deleteQuietly(doomed);
    }

    @Override
    public synchronized Optional<SnapshotInfo> stat(String key) {
        return find(key).map(SnapshotDir::info);
    }

    @Override
    public synchronized void walk(Consumer<SnapshotInfo> visitor) {
        List.copyOf(byKey.values()).forEach(s -> visitor.accept(s.info()));
    }

    @Override
    public synchronized Usage usage(String key) {
        SnapshotDir s = existing(key);
        if (s.info().kind() == SnapshotKind.VIEW) {
            return new Usage(0, 0);
        }
        long[] counts = new long[2];
        try (Stream<Path> files = Files.walk(s.fs())) {
            files.skip(1).forEach(p -> {
                counts[0]++;
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        counts[1] += a.size();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw PluginException.failed("measuring snapshot " + key + ": " + e.getMessage(), e);
        }
        return new Usage(counts[0], counts[1]);
    }

    /** The committed snapshots under {@code s}, nearest first. */
    protected List<SnapshotDir> ancestors(SnapshotDir s) {
        List<SnapshotDir> chain = new ArrayList<>();
        Optional<String> parent = s.info().parent();
        while (parent.isPresent()) {
            SnapshotDir p = committed(parent.get());
            chain.add(p);
            parent = p.info().parent();
        }
        return chain;
    }

    private Path pathOf(String key) {
        return snapshots.resolve(SnapshotDir.dirName(key));
    }

    private Optional<SnapshotDir> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    private SnapshotDir existing(String key) {
        return find(key).orElseThrow(() -> PluginException.notFound("snapshot " + key + " does not exist"));
    }

    protected SnapshotDir committed(String key) {
        SnapshotDir s = existing(key);
        if (s.info().kind() != SnapshotKind.COMMITTED) {
            throw new PluginException(PluginException.Reason.INVALID, "parent " + key + " is not committed");
        }
        return s;
    }

    private List<SnapshotDir> all() {
        try (Stream<Path> dirs = Files.list(snapshots)) {
            return dirs.map(SnapshotDir::read).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException ignored) {
            // left in tmp/, which init() empties
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
