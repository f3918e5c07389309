package dev.gantry.core.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's metadata in SQLite ({@code <data-root>/state.db}, WAL mode). One connection behind a lock: SQLite
 * has one writer anyway, and a transaction either commits whole or leaves nothing, which is what makes a crash
 * mid-operation safe. Blobs and snapshots live elsewhere; rows only point at them.
 */
public final class StateStore implements AutoCloseable {
    /** Schema steps, applied in order, each once; never edit one that has shipped, add a new one. */
    private static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE layers (
              chain_id TEXT PRIMARY KEY,
              diff_id TEXT NOT NULL,
              parent TEXT REFERENCES layers(chain_id),
              blob TEXT,
              blob_media_type TEXT,
              size INTEGER NOT NULL,
              created INTEGER NOT NULL);
            CREATE TABLE images (
              id TEXT PRIMARY KEY,
              top_layer TEXT REFERENCES layers(chain_id),
              created INTEGER NOT NULL);
            CREATE TABLE image_layers (
              image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              chain_id TEXT NOT NULL REFERENCES layers(chain_id),
              PRIMARY KEY (image_id, position));
            CREATE TABLE image_refs (
              ref TEXT PRIMARY KEY,
              image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
              created INTEGER NOT NULL);
            """,
            """
            CREATE TABLE blob_sources (
              blob TEXT NOT NULL,
              registry TEXT NOT NULL,
              repository TEXT NOT NULL,
              PRIMARY KEY (blob, registry, repository));
            """,
            """
            CREATE TABLE containers (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              doc TEXT NOT NULL);
            CREATE TABLE volumes (
              name TEXT PRIMARY KEY,
              doc TEXT NOT NULL);
            """,
            """
            CREATE TABLE networks (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              doc TEXT NOT NULL);
            CREATE TABLE endpoints (
              network TEXT NOT NULL REFERENCES networks(id),
              container TEXT NOT NULL,
              address TEXT NOT NULL,
              doc TEXT NOT NULL,
              PRIMARY KEY (network, container),
              UNIQUE (network, address));
            """,
            """
            CREATE TABLE build_cache (
              parent TEXT NOT NULL,
              step TEXT NOT NULL,
              image TEXT NOT NULL,
              PRIMARY KEY (parent, step));
            CREATE TABLE build_results (
              image TEXT PRIMARY KEY);
            """,
            """
            CREATE TABLE compressed_layers (
              diff_id TEXT PRIMARY KEY,
              blob TEXT NOT NULL,
              size INTEGER NOT NULL);
            """,
            """
            ALTER TABLE layers ADD COLUMN disk_usage INTEGER;
            """);

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private StateStore(Connection connection) {
        this.connection = connection;
    }

    public static StateStore open(Path dataRoot) throws IOException {
        Files.createDirectories(dataRoot);
        SqliteNative.prepare(dataRoot);
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataRoot.resolve("state.db"));
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            StateStore store = new StateStore(c);
            store.migrate();
            return store;
        } catch (SQLException e) {
            throw new IOException("cannot open the state store in " + dataRoot + ": " + e.getMessage(), e);
        }
    }

    private void migrate() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            var rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version");
            int current = rs.next() ? rs.getInt(1) : 0;
            for (int v = current; v < MIGRATIONS.size(); v++) {
                int version = v + 1;
                String sql = MIGRATIONS.get(v);
                transaction(c -> {
                    try (Statement m = c.createStatement()) {
                        for (String part : sql.split(";")) {
                            if (!part.isBlank()) {
                                m.execute(part);
                            }
                        }
                        m.execute("INSERT INTO schema_version VALUES (" + version + ")");
                    }
                    return null;
                });
            }
        }
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in a transaction: commits when it returns, rolls back when it throws. */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Read-only work; same lock, no transaction needed for one statement's consistency. */
    public <T> T read(Work<T> work) {
        return transaction(work);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing at shutdown
        }
    }

    /** A state store failure: the transaction was rolled back. */
    public static final class StateException extends RuntimeException {
        StateException(SQLException cause) {
            super("state store: " + cause.getMessage(), cause);
        }
    }
}
