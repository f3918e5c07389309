package dev.gantry.core.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.store.ContainerDocument;
import dev.gantry.core.state.StateStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The containers' records: in the state store (one JSON document per container, the name unique) and in memory
 * for reads. Writes go to SQLite first, so after a crash the store holds the last completed transition.
 */
public final class ContainerStore {
    /** Docker's rule for names: a letter or digit first, then letters, digits, {@code _ . -}. */
    private static final Pattern NAME = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;

    private final StateStore state;
    private final Map<String, Container> byId = new ConcurrentHashMap<>();

    public ContainerStore(StateStore state) {
        this.state = state;
        state.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT doc FROM containers"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Container ct = ContainerDocument.read(rs.getString(1));
                    byId.put(ct.id(), ct);
                }
            }
            return null;
        });
    }

    public static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw EngineException.invalid("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }

    /** Adds a new container; fails with a conflict when the name is taken. */
    public synchronized void add(Container c) {
        byName(c.name()).ifPresent(other -> {
            throw nameConflict(c.name(), other.id());
        });
        state.transaction(conn -> {
            try (PreparedStatement s = conn.prepareStatement("INSERT INTO containers (id, name, doc) VALUES (?, ?, ?)")) {
                s.setString(1, c.id());
                s.setString(2, c.name());
                s.setString(3, json(c));
                s.executeUpdate();
            }
            return null;
        });
        byId.put(c.id(), c);
    }

    /** Records the next version of a container that exists; returns it. */
    public synchronized Container update(Container c) {
        if (!byId.containsKey(c.id())) {
            throw EngineException.notFound("No such container: " + c.id());
        }
        Container old = byId.get(c.id());
        if (!old.name().equals(c.name())) {
            byName(c.name()).ifPresent(other -> {
                throw nameConflict(c.name(), other.id());
            });
        }
        state.transaction(conn -> {
            try (PreparedStatement s = conn.prepareStatement("UPDATE containers SET name = ?, doc = ? WHERE id = ?")) {
                s.setString(1, c.name());
                s.setString(2, json(c));
                s.setString(3, c.id());
                s.executeUpdate();
            }
            return null;
        });
        byId.put(c.id(), c);
        return c;
    }

    public synchronized void remove(String id) {
        state.transaction(conn -> {
            try (PreparedStatement s = conn.prepareStatement("DELETE FROM containers WHERE id = ?")) {
                s.setString(1, id);
                s.executeUpdate();
            }
            return null;
        });
        byId.remove(id);
    }

    public Optional<Container> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The newest first, as {@code docker ps} lists them. */
    public List<Container> list() {
        List<Container> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Container::created).reversed().thenComparing(Container::id));
        return all;
    }

    /** Finds by full ID, by name (with or without the leading slash), or by a unique ID prefix, as Docker does. */
    public Optional<Container> find(String ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        Container exact = byId.get(ref);
        if (exact != null) {
            return Optional.of(exact);
        }
        Optional<Container> named = byName(ref.startsWith("/") ? ref.substring(1) : ref);
        if (named.isPresent()) {
            return named;
        }
        List<Container> prefixed = byId.values().stream().filter(c -> c.id().startsWith(ref)).toList();
        if (prefixed.size() > 1) {
            throw EngineException.invalid("multiple IDs found with provided prefix: " + ref);
        }
        return prefixed.stream().findFirst();
    }

    public Container resolve(String ref) {
        return find(ref).orElseThrow(() -> EngineException.notFound("No such container: " + ref));
    }

    private Optional<Container> byName(String name) {
        return byId.values().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static EngineException nameConflict(String name, String id) {
        return EngineException.conflict("Conflict. The container name \"/" + name + "\" is already in use by container \""
                + id + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }

    private static String json(Container c) {
        return ContainerDocument.write(c);
    }
}
