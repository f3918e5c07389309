package dev.gantry.rest.scan;

import dev.gantry.core.event.EventBus;
import dev.gantry.core.event.EventFilter;
import dev.gantry.core.scan.ScanService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code gantry.scan.on-pull}, {@code .on-load}, {@code .on-build}: scans an image when it arrives that way, on
 * a virtual thread of its own (the result comes as the {@code image scan} event). Subscribes only when one is
 * on, so an engine without them makes no scan service.
 */
@ApplicationScoped
public class ScanOnArrival {
    private static final Logger LOG = Logger.getLogger(ScanOnArrival.class);
    @Inject
    EventBus events;
    @Inject
    Provider<ScanService> scans;
    @ConfigProperty(name = "gantry.scan.on-pull", defaultValue = "false")
    boolean onPull;
    @ConfigProperty(name = "gantry.scan.on-load", defaultValue = "false")
    boolean onLoad;
    @ConfigProperty(name = "gantry.scan.on-build", defaultValue = "false")
    boolean onBuild;
    @ConfigProperty(name = "gantry.scan.scanners", defaultValue = "sbom,vulns,secrets,config")
    List<String> scanners;
    private final ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("scan-", 0).factory());

    void start(@Observes StartupEvent ev) {
        Set<String> actions = new java.util.HashSet<>();
        if (onPull) {
            actions.add("pull");
        }
        if (onLoad) {
            actions.add("load");
        }
        if (onBuild) {
            actions.add("build");
        }
        if (actions.isEmpty()) {
            return;
        }
        events.subscribe(-1, new EventFilter(Map.of("type", Set.of("image"))), e -> {
            if (actions.contains(e.action())) {
                pool.submit(() -> {
                    try {
                        scans.get().scan(e.actorId(), scanners);
                    } catch (Exception ex) {
                        LOG.warnf("scan of %s after %s failed: %s", e.actorId(), e.action(), ex.getMessage());
                    }
                });
            }
        });
    }
}
