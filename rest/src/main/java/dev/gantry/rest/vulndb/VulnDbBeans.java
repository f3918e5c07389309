package dev.gantry.rest.vulndb;

import dev.gantry.core.EngineConfig;
import dev.gantry.vulndb.VulnerabilityDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The engine's one vulnerability database, under its data root, for the REST resource and the scanners. */
@ApplicationScoped
public class VulnDbBeans {
    @Produces
    @Singleton
    VulnerabilityDatabase database(EngineConfig config) {
        return VulnerabilityDatabase.open(config.dataRoot());
    }

    void close(@Disposes VulnerabilityDatabase database) {
        database.close();
    }
}
