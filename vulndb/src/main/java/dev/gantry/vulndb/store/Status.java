package dev.gantry.vulndb.store;

import dev.gantry.vulndb.DatabaseStatus;
import dev.gantry.vulndb.Source;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The counting queries behind {@code status()} and {@code sources()}. */
final class Status {
    private Status() {
    }

    static DatabaseStatus of(Connection c, String version, Optional<Instant> importedAt) throws SQLException {
        int total;
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM advisories")) {
            total = rs.next() ? rs.getInt(1) : 0;
        }
        var perEcosystem = new TreeMap<String, Integer>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT ecosystem, COUNT(DISTINCT advisory_id) FROM affected GROUP BY ecosystem")) {
            while (rs.next()) {
                perEcosystem.put(rs.getString(1), rs.getInt(2));
            }
        }
        return new DatabaseStatus(version, importedAt, total, perEcosystem, sources(c));
    }

    static List<Source> sources(Connection c) throws SQLException {
        List<Source> sources = new ArrayList<>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT s.name, s.imported_at,"
                + " (SELECT COUNT(*) FROM advisories a WHERE a.source = s.name),"
                + " (SELECT GROUP_CONCAT(DISTINCT f.ecosystem) FROM affected f JOIN advisories a"
                + " ON a.id = f.advisory_id WHERE a.source = s.name)"
                + " FROM sources s ORDER BY s.seq")) {
            while (rs.next()) {
                String joined = rs.getString(4);
                List<String> ecosystems = joined == null ? List.of()
                        : Arrays.stream(joined.split(",")).sorted().toList();
                sources.add(new Source(rs.getString(1), ecosystems, rs.getInt(3), Instant.parse(rs.getString(2))));
            }
        }
        return sources;
    }
}
