package dev.gantry.vulndb.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The tables: advisories, their affected packages indexed by (ecosystem, package key), sources, and meta. */
final class Schema {
    private Schema() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS sources (name TEXT PRIMARY KEY, imported_at TEXT NOT NULL,"
                    + " seq INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS advisories (id TEXT PRIMARY KEY, source TEXT NOT NULL,"
                    + " summary TEXT NOT NULL, aliases TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS advisories_source ON advisories (source)");
            s.execute("CREATE TABLE IF NOT EXISTS affected (advisory_id TEXT NOT NULL, ecosystem TEXT NOT NULL,"
                    + " package_key TEXT NOT NULL, package TEXT NOT NULL, ranges TEXT NOT NULL,"
                    + " versions TEXT NOT NULL, severity TEXT NOT NULL, severity_source TEXT NOT NULL,"
                    + " vector TEXT, score REAL)");
            s.execute("CREATE INDEX IF NOT EXISTS affected_package ON affected (ecosystem, package_key)");
            s.execute("CREATE INDEX IF NOT EXISTS affected_advisory ON affected (advisory_id)");
        }
    }
}
