package dev.gantry.vulndb.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The tables: advisories, their affected packages keyed by (ecosystem, package key), sources, and meta. */
final class Schema {
    private Schema() {
    }

    private static final int VERSION = 1;

    /**
     * Creates the tables unless they are there: a second instance opening the database while the first imports
     * then writes nothing, so it does not wait for the import's lock.
     */
    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=60000");
            try (var rs = s.executeQuery("PRAGMA user_version")) {
                if (rs.next() && rs.getInt(1) == VERSION) {
                    return;
                }
            }
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS sources (name TEXT PRIMARY KEY, imported_at TEXT NOT NULL,"
                    + " seq INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS advisories (id TEXT PRIMARY KEY, source TEXT NOT NULL,"
                    + " summary TEXT NOT NULL, aliases TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS advisories_source ON advisories (source)");
            // clustered by package, so a lookup reads its rows from neighbouring pages; the advisory's summary and
            // aliases ride along so a lookup touches no other table
            s.execute("CREATE TABLE IF NOT EXISTS affected (ecosystem TEXT NOT NULL, package_key TEXT NOT NULL,"
                    + " advisory_id TEXT NOT NULL, entry INTEGER NOT NULL, package TEXT NOT NULL,"
                    + " ranges TEXT NOT NULL, versions TEXT NOT NULL, severity TEXT NOT NULL,"
                    + " severity_source TEXT NOT NULL, vector TEXT, score REAL, summary TEXT NOT NULL,"
                    + " aliases TEXT NOT NULL, PRIMARY KEY (ecosystem, package_key, advisory_id, entry)) WITHOUT ROWID");
            s.execute("CREATE INDEX IF NOT EXISTS affected_advisory ON affected (advisory_id)");
            // the layout's version, for the day it changes
            s.execute("PRAGMA user_version=" + VERSION);
        }
    }
}
