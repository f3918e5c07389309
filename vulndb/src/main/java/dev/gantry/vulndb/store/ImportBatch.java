package dev.gantry.vulndb.store;

import dev.gantry.vulndb.osv.OsvAdvisory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The writes of one import, inside the caller's transaction: the file's earlier advisories go, each record
 * replaces the advisory of its id (whichever file brought it), a withdrawn record removes it.
 */
final class ImportBatch {
    private final Connection c;
    private final String source;
    private final PreparedStatement deleteAdvisory;
    private final PreparedStatement deleteAffected;
    private final PreparedStatement insertAdvisory;
    private final PreparedStatement insertAffected;
    private final Set<String> ecosystems = new HashSet<>();
    private int stored;
    private int withdrawn;

    ImportBatch(Connection c, String source) throws SQLException {
        this.c = c;
        this.source = source;
        deleteAdvisory = c.prepareStatement("DELETE FROM advisories WHERE id = ?");
        deleteAffected = c.prepareStatement("DELETE FROM affected WHERE advisory_id = ?");
        insertAdvisory = c.prepareStatement("INSERT INTO advisories (id, source, summary, aliases) VALUES (?, ?, ?, ?)");
        insertAffected = c.prepareStatement("INSERT INTO affected (advisory_id, ecosystem, package_key, package,"
                + " ranges, versions, severity, severity_source, vector, score, summary, aliases, entry)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /** Drops what an earlier import of a file of the same name brought. */
    void replaceSource() throws SQLException {
        try (var s = c.prepareStatement("DELETE FROM affected WHERE advisory_id IN"
                + " (SELECT id FROM advisories WHERE source = ?)")) {
            s.setString(1, source);
            s.executeUpdate();
        }
        try (var s = c.prepareStatement("DELETE FROM advisories WHERE source = ?")) {
            s.setString(1, source);
            s.executeUpdate();
        }
    }

    void add(OsvAdvisory advisory) {
        try {
            deleteAffected.setString(1, advisory.id());
            deleteAffected.executeUpdate();
            deleteAdvisory.setString(1, advisory.id());
            deleteAdvisory.executeUpdate();
            if (advisory.withdrawn()) {
                withdrawn++;
                return;
            }
            insertAdvisory.setString(1, advisory.id());
            insertAdvisory.setString(2, source);
            insertAdvisory.setString(3, advisory.summary());
            String aliases = SqliteVulnerabilityDatabase.write(advisory.aliases());
            insertAdvisory.setString(4, aliases);
            insertAdvisory.executeUpdate();
            int entry = 0;
            for (OsvAdvisory.Affected a : advisory.affected()) {
                insertAffected.setString(1, advisory.id());
                insertAffected.setString(2, a.ecosystem());
                insertAffected.setString(3, PackageKeys.of(a.ecosystem(), a.name()));
                insertAffected.setString(4, a.name());
                insertAffected.setString(5, SqliteVulnerabilityDatabase.write(a.ranges()));
                insertAffected.setString(6, SqliteVulnerabilityDatabase.write(a.versions()));
                insertAffected.setString(7, a.severity().level().name());
                insertAffected.setString(8, a.severity().source());
                insertAffected.setString(9, a.severity().vector().orElse(null));
                if (a.severity().score().isPresent()) {
                    insertAffected.setDouble(10, a.severity().score().get());
                } else {
                    insertAffected.setNull(10, java.sql.Types.REAL);
                }
                insertAffected.setString(11, advisory.summary());
                insertAffected.setString(12, aliases);
                insertAffected.setInt(13, entry++);
                insertAffected.executeUpdate();
                ecosystems.add(a.ecosystem());
            }
            stored++;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + advisory.id() + ": " + e.getMessage(), e);
        }
    }

    /** Records the source and its time. */
    void finish(Instant now, String version) throws SQLException {
        try (var s = c.prepareStatement("INSERT OR REPLACE INTO sources (name, imported_at, seq) VALUES (?, ?,"
                + " (SELECT COALESCE(MAX(seq), 0) + 1 FROM sources))")) {
            s.setString(1, source);
            s.setString(2, now.toString());
            s.executeUpdate();
        }
        // a file whose every advisory a later file took over is no source any more
        try (var s = c.prepareStatement("DELETE FROM sources WHERE name NOT IN (SELECT DISTINCT source FROM"
                + " advisories)")) {
            s.executeUpdate();
        }
    }

    int stored() {
        return stored;
    }

    int withdrawn() {
        return withdrawn;
    }

    Set<String> ecosystems() {
        return ecosystems;
    }
}
