package dev.gantry.plugin.scan.sbom;

import dev.gantry.plugin.scan.support.LayerOrigin;
import dev.gantry.plugin.scan.support.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * RPM packages from {@code rpmdb.sqlite} (Fedora 33+, RHEL/Rocky/Alma 9): each row of {@code Packages} is a
 * header blob ({@link RpmHeader}). The database is opened read-only and immutable (no journal, no lock file on
 * the read-only view); a malformed one is skipped.
 */
final class RpmReader {
    static final String[] PATHS = {"/usr/lib/sysimage/rpm/rpmdb.sqlite", "/var/lib/rpm/rpmdb.sqlite"};

    private RpmReader() {
    }

    static void read(Sink sink) {
        var root = new dev.gantry.plugin.scan.support.RootFiles(sink.view.rootfs());
        for (String path : PATHS) {
            Optional<Path> f = root.regular(path);
            if (f.isEmpty()) {
                continue;
            }
            try {
                if (Files.size(f.get()) > Limits.DATABASE_BYTES * 8) {
                    sink.skipped(path, null, path + " is larger than " + Limits.DATABASE_BYTES * 8 + " bytes: not read");
                    return;
                }
                rows(sink, f.get(), path, LayerOrigin.ofFile(sink.view, path));
            } catch (SQLException | java.io.IOException | RuntimeException e) {
                sink.skipped(path, null, "not a readable RPM database: " + e.getMessage());
            }
            return;
        }
    }

    private static void rows(Sink sink, Path db, String path, int layer) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        String url = "jdbc:sqlite:file:" + db.toAbsolutePath() + "?immutable=1";
        try (Connection c = DriverManager.getConnection(url, config.toProperties());
             Statement s = c.createStatement()) {
            s.setQueryTimeout(30);
            s.setMaxRows(Limits.DATABASE_ENTRIES);
            try (ResultSet rs = s.executeQuery("SELECT blob FROM Packages")) {
                while (rs.next()) {
                    byte[] blob = rs.getBytes(1);
                    if (blob == null || blob.length > Limits.DATABASE_BYTES) {
                        continue;
                    }
                    Map<Integer, String> t;
                    try {
                        t = RpmHeader.parse(blob);
                    } catch (IllegalArgumentException e) {
                        sink.skipped(path, layer, "an RPM header is malformed: " + e.getMessage());
                        continue;
                    }
                    add(sink, t, path, layer);
                }
            }
        }
    }

    private static void add(Sink sink, Map<Integer, String> t, String path, int layer) {
        String name = t.get(RpmHeader.NAME);
        if (name == null || name.startsWith("gpg-pubkey") || t.get(RpmHeader.VERSION) == null) {
            return;
        }
        String version = t.get(RpmHeader.VERSION) + (t.containsKey(RpmHeader.RELEASE) ? "-" + t.get(RpmHeader.RELEASE) : "");
        String epoch = t.get(RpmHeader.EPOCH);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("arch", t.get(RpmHeader.ARCH));
        q.put("epoch", epoch);
        sink.os.ifPresent(os -> q.put("distro", os.distro()));
        String src = t.get(RpmHeader.SOURCERPM);
        if (src != null) {
            q.put("upstream", src);
        }
        String ns = sink.os.map(OsRelease::id).orElse("redhat");
        String full = epoch == null || epoch.equals("0") ? version : epoch + ":" + version;
        sink.add(name, full, Purl.of("rpm", ns, name, version, q), t.get(RpmHeader.LICENSE), path, layer);
    }
}
