package dev.gantry.core.volume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.ContainerStore;
import dev.gantry.core.container.MountPoint;
import dev.gantry.core.container.VolumeProvider;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.layer.FileTrees;
import dev.gantry.core.state.StateStore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local volume driver: each volume is a directory {@code <data-root>/volumes/<name>/_data}, recorded in the
 * state store. A new or empty volume mounted over a directory of the image gets that directory's files first.
 */
public final class VolumeStore implements VolumeProvider {
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;
    private final Path root;
    private final StateStore state;
    private final EventBus events;
    private final ContainerStore containers;
    private final Map<String, Volume> byName = new ConcurrentHashMap<>();

    public VolumeStore(Path root, StateStore state, EventBus events, ContainerStore containers) throws IOException {
        this.root = Files.createDirectories(root);
        this.state = state;
        this.events = events;
        this.containers = containers;
        state.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT doc FROM volumes"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Volume v = JSON.readValue(rs.getString(1), Volume.class);
                    byName.put(v.name(), v);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable volume record: " + e.getMessage(), e);
            }
            return null;
        });
    }

    public List<Volume> list() {
        List<Volume> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(Volume::name));
        return all;
    }

    public Volume get(String name) {
        Volume v = byName.get(name);
        if (v == null) {
            throw EngineException.notFound("get " + name + ": no such volume");
        }
        return v;
    }

    /** Creates a volume; creating one that exists returns it, as Docker does. */
    public synchronized Volume create(Optional<String> requested, String driver, Map<String, String> labels,
                                      Map<String, String> options) {
        String d = driver == null || driver.isEmpty() ? "local" : driver;
        if (!d.equals("local")) {
            throw EngineException.notFound("error looking up volume plugin " + d + ": plugin \"" + d + "\" not found");
        }
        boolean anonymous = requested.isEmpty() || requested.get().isEmpty();
        String name = anonymous ? dev.gantry.core.Ids.random() : requested.get();
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+")) {
            throw EngineException.invalid("create " + name + ": \"" + name + "\" includes invalid characters for a local volume name,"
                    + " only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        }
        Volume existing = byName.get(name);
        if (existing != null) {
            return existing;
        }
        Path data = root.resolve(name).resolve("_data");
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw EngineException.failed("cannot create volume " + name + ": " + e.getMessage(), e);
        }
        Volume v = new Volume(name, d, data.toString(), Instant.now(), labels, options, anonymous);
        state.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO volumes (name, doc) VALUES (?, ?)")) {
                s.setString(1, name);
                s.setString(2, json(v));
                s.executeUpdate();
            }
            return null;
        });
        byName.put(name, v);
        events.publish(Event.now("volume", "create", name, Map.of("driver", d)));
        return v;
    }

    public List<String> users(String name) {
        return containers.list().stream()
                .filter(c -> c.mounts().stream().anyMatch(m -> m.type().equals("volume") && m.name().equals(name)))
                .map(Container::id).toList();
    }

    public synchronized void remove(String name, boolean force) {
        Volume v = byName.get(name);
        if (v == null) {
            if (force) {
                return;
            }
            throw EngineException.notFound("get " + name + ": no such volume");
        }
        List<String> users = users(name);
        if (!users.isEmpty()) {
            throw EngineException.conflict("remove " + name + ": volume is in use - [" + String.join(", ", users) + "]");
        }
        state.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM volumes WHERE name = ?")) {
                s.setString(1, name);
                s.executeUpdate();
            }
            return null;
        });
        byName.remove(name);
        FileTrees.deleteQuietly(root.resolve(name));
        events.publish(Event.now("volume", "destroy", name, Map.of("driver", v.driver())));
    }

    /** Removes unused volumes: anonymous ones, or all with {@code all}. */
    public synchronized PruneReport prune(boolean all, Map<String, String> labels) {
        return prune(all, v -> labelsMatch(v, labels));
    }

    /** Removes unused volumes (anonymous ones, or all with {@code all}) that {@code selects} takes. */
    public synchronized PruneReport prune(boolean all, java.util.function.Predicate<Volume> selects) {
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (Volume v : list()) {
            if ((!all && !v.anonymous()) || !users(v.name()).isEmpty()) {
                continue;
            }
            if (!selects.test(v)) {
                continue;
            }
            reclaimed += size(Path.of(v.mountpoint()));
            remove(v.name(), false);
            deleted.add(v.name());
        }
        return new PruneReport(deleted, reclaimed);
    }

    /** Docker's label filter: each key present, with the given value when one is given. */
    public static boolean labelsMatch(Volume v, Map<String, String> labels) {
        return labels.entrySet().stream().allMatch(e -> v.labels().containsKey(e.getKey())
                && (e.getValue().isEmpty() || e.getValue().equals(v.labels().get(e.getKey()))));
    }

    public record PruneReport(List<String> deleted, long spaceReclaimed) {
    }

    @Override
    public Path mountpoint(String name, Optional<Path> imageContent) {
        Volume v = byName.containsKey(name) ? byName.get(name) : create(Optional.of(name), "local", Map.of(), Map.of());
        Path data = Path.of(v.mountpoint());
        if (imageContent.isPresent()) {
            try {
                if (isEmpty(data)) {
                    copyUp(imageContent.get(), data);
                }
            } catch (IOException e) {
                throw EngineException.failed("cannot copy image content into volume " + name + ": " + e.getMessage(), e);
            }
        }
        return data;
    }

    @Override
    public void released(String name, boolean removeAnonymous) {
        Volume v = byName.get(name);
        if (v != null && removeAnonymous && v.anonymous() && users(name).isEmpty()) {
            remove(name, true);
        }
    }

    /** Docker makes the volumes a container names, and anonymous ones for unnamed mounts, at create. */
    @Override
    public void created(List<MountPoint> mounts) {
        for (MountPoint m : mounts) {
            if (m.type().equals("volume") && !byName.containsKey(m.name())) {
                boolean anonymous = m.options().equals("anonymous");
                Volume v = create(Optional.of(m.name()), "local", Map.of(), Map.of());
                if (anonymous && !v.anonymous()) {
                    Volume marked = new Volume(v.name(), v.driver(), v.mountpoint(), v.createdAt(), v.labels(), v.options(), true);
                    state.transaction(c -> {
                        try (PreparedStatement s = c.prepareStatement("UPDATE volumes SET doc = ? WHERE name = ?")) {
                            s.setString(1, json(marked));
                            s.setString(2, marked.name());
                            s.executeUpdate();
                        }
                        return null;
                    });
                    byName.put(v.name(), marked);
                }
            }
        }
    }

    public long size(Path p) {
        try (var s = Files.walk(p)) {
            return s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Copies a tree with its owners, modes and times; links are copied as links, never followed. */
    private static void copyUp(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                if (!dir.equals(from)) {
                    Files.copy(dir, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                owner(dir, target);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                owner(file, target);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void owner(Path from, Path to) throws IOException {
        Map<String, Object> a = Files.readAttributes(from, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(to, "unix:uid", a.get("uid"), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(to, "unix:gid", a.get("gid"), LinkOption.NOFOLLOW_LINKS);
        if (!Files.isSymbolicLink(to)) {
            Files.setAttribute(to, "unix:mode", a.get("mode"), LinkOption.NOFOLLOW_LINKS);
        }
    }


    private static String json(Volume v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
