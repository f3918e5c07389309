package dev.gantry.core.builder;

import dev.gantry.core.state.StateStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The legacy builder's cache, in the state store so it survives restarts: the image a step made, by the image it
 * started from and the step's key (its history line, which holds the substituted instruction, the build args it
 * saw and, for COPY and ADD, a checksum of the sources' content and metadata).
 */
public final class BuildCache {
    private final StateStore state;

    public BuildCache(StateStore state) {
        this.state = state;
    }

    public Optional<String> find(String parent, String step) {
        return state.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT image FROM build_cache WHERE parent = ? AND step = ?")) {
                s.setString(1, parent);
                s.setString(2, step);
                ResultSet rs = s.executeQuery();
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    public void put(String parent, String step, String image) {
        state.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO build_cache VALUES (?, ?, ?)")) {
                s.setString(1, parent);
                s.setString(2, step);
                s.setString(3, image);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Marks a build's result, which {@code docker images} shows even untagged, unlike the steps before it. */
    public void result(String image) {
        state.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO build_results VALUES (?)")) {
                s.setString(1, image);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The step images no build ended with: Docker's intermediate images, listed only with {@code -a}. */
    public java.util.Set<String> intermediates() {
        return state.read(c -> {
            java.util.Set<String> out = new java.util.HashSet<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT DISTINCT image FROM build_cache WHERE image NOT IN (SELECT image FROM build_results)");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Every image the cache points at. */
    public List<String> images() {
        return state.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT image FROM build_cache"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** One remembered step: the image it started from, its key (the history line), the image it made. */
    public record Entry(String parent, String step, String image) {
    }

    public List<Entry> entries() {
        return state.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT parent, step, image FROM build_cache");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    /** Forgets the steps that made these images, and that builds ended with them; returns how many steps went. */
    public int forget(java.util.Collection<String> images) {
        return state.transaction(c -> {
            int n = 0;
            for (String image : images) {
                try (PreparedStatement r = c.prepareStatement("DELETE FROM build_results WHERE image = ?")) {
                    r.setString(1, image);
                    r.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM build_cache WHERE image = ?")) {
                    s.setString(1, image);
                    n += s.executeUpdate();
                }
            }
            return n;
        });
    }

    /** Forgets everything; returns how many entries there were. */
    public int clear() {
        return state.transaction(c -> {
            try (PreparedStatement r = c.prepareStatement("DELETE FROM build_results")) {
                r.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM build_cache")) {
                return s.executeUpdate();
            }
        });
    }
}
