package dev.gantry.rest.scan;

import dev.gantry.core.EngineConfig;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.plugin.LoadedPlugin;
import dev.gantry.core.plugin.PluginRegistry;
import dev.gantry.plugin.scan.vulns.VulnsScanner;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.vulndb.VulnerabilityDatabase;
import dev.gantry.core.scan.ScanService;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the scan service on first use (the first scan request or an enabled scan-on-pull), not at start: an
 * engine that never scans loads no scanner code beyond the plugins' descriptors.
 */
@ApplicationScoped
public class ScanWiring {
    @Produces
    @Singleton
    ScanService scans(ImageStore images, PluginRegistry plugins, EventBus events, Tracer tracer, MeterRegistry meters,
                      EngineConfig config, VulnerabilityDatabase database) {
        // the built-in vulns scanner reads the database the engine serves at /gantry/v1/vulndb, not a second copy
        plugins.ofKind(PluginKind.SCANNER).stream().map(LoadedPlugin::plugin).filter(VulnsScanner.class::isInstance)
                .map(VulnsScanner.class::cast).forEach(v -> v.database(database));
        return new ScanService(images, plugins, events, tracer, meters, config.dataRoot(), config.runRoot());
    }
}
