package dev.gantry.plugin.scan.vulns;

import dev.gantry.plugin.scan.sbom.SbomScanner;
import dev.gantry.spi.plugin.PluginContext;
import dev.gantry.plugin.scan.support.BuiltInScanner;
import dev.gantry.spi.scan.Finding;
import dev.gantry.spi.scan.ImageView;
import dev.gantry.vulndb.Advisory;
import dev.gantry.vulndb.VulnerabilityDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Vulnerabilities of an image's packages: the sbom scanner's packages looked up in the offline OSV database the
 * user imported ({@code gantry vulndb import}), by each ecosystem's version rules. The database is the engine's,
 * under its data root (option {@code data-root}, else the data root that holds this plugin's state directory);
 * it is opened at the first scan, not before.
 */
public final class VulnsScanner extends BuiltInScanner {
    public static final String NAME = "vulns";
    private Path dataRoot;
    private VulnerabilityDatabase db;
    private boolean owned;

    public VulnsScanner() {
        super(NAME, Set.of("osv"));
    }

    @Override
    public void init(PluginContext context) {
        // the engine gives each plugin <data-root>/plugin-state/<kind>/<name>
        dataRoot = context.option("data-root").map(Path::of)
                .orElseGet(() -> context.stateDir().toAbsolutePath().getParent().getParent().getParent());
    }

    /** Uses {@code database} instead of opening the engine's: the engine shares the one it serves. */
    public synchronized void database(VulnerabilityDatabase database) {
        this.db = database;
    }

    private synchronized VulnerabilityDatabase db() {
        if (db == null) {
            db = VulnerabilityDatabase.open(dataRoot);
            owned = true;
        }
        return db;
    }

    @Override
    public List<String> needs() {
        return List.of(SbomScanner.NAME);
    }

    @Override
    public String dataVersion() {
        return db().version();
    }

    @Override
    public List<Finding> scan(ImageView image, List<Finding> previous) {
        Optional<Finding.Pkg> os = previous.stream()
                .filter(f -> f.type() == Finding.Type.PACKAGE && f.id().startsWith("os:")).map(Finding::pkg).findFirst();
        VulnerabilityDatabase database = db();
        List<Finding> out = new ArrayList<>();
        for (Finding f : previous) {
            if (f.type() != Finding.Type.PACKAGE || f.pkg() == null) {
                continue;
            }
            var q = Ecosystems.of(f.pkg(), os);
            if (q.isEmpty()) {
                continue;
            }
            for (Advisory a : database.affecting(q.get().ecosystem(), q.get().name(), q.get().version())) {
                String title = a.summary().isBlank() ? a.id() : a.summary();
                out.add(new Finding(Finding.Type.VULNERABILITY, a.id(), a.severity().level().name(),
                        title.length() > 200 ? title.substring(0, 200) : title, f.pkg().name() + " " + f.pkg().version())
                        .withPkg(f.pkg()).withFile(f.file(), f.layer())
                        .withFixedVersion(a.fixedVersion().orElse(null), a.aliases()));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized void close() {
        if (db != null && owned) {
            db.close();
            db = null;
        }
    }
}
