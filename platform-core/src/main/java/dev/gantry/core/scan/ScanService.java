package dev.gantry.core.scan;

import dev.gantry.core.EngineException;
import dev.gantry.core.Spans;
import dev.gantry.core.event.Event;
import dev.gantry.core.event.EventBus;
import dev.gantry.core.image.ImageRecord;
import dev.gantry.core.image.ImageStore;
import dev.gantry.core.plugin.LoadedPlugin;
import dev.gantry.core.plugin.PluginRegistry;
import dev.gantry.spi.plugin.PluginKind;
import dev.gantry.spi.scan.Finding;
import dev.gantry.spi.scan.ImageScanner;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scans images with the scanner plugins: mounts the layers' views ({@link LayerViews}), runs the scanners asked
 * for (and those they need first), and keeps the last result per image. A result is reused while the image,
 * the scanner set and every scanner's {@link ImageScanner#dataVersion()} are the same. Emits the Docker event
 * {@code image scan}, a span per scanner, and the metrics {@code gantry_scan_seconds{scanner}} and
 * {@code gantry_scan_findings{severity}}.
 */
public final class ScanService {
    /** The scanners a scan runs when none are named. */
    public static final List<String> DEFAULT = List.of("sbom", "vulns", "secrets", "config");

    private final ImageStore images;
    private final PluginRegistry plugins;
    private final EventBus events;
    private final Tracer tracer;
    private final ScanMetrics metrics;
    private final Path runRoot;
    private final ScanCache cache;

    public ScanService(ImageStore images, PluginRegistry plugins, EventBus events, Tracer tracer, MeterRegistry meters,
                       Path dataRoot, Path runRoot) {
        this.images = images;
        this.plugins = plugins;
        this.events = events;
        this.tracer = tracer;
        this.metrics = new ScanMetrics(meters);
        this.runRoot = runRoot;
        this.cache = new ScanCache(cacheDir(dataRoot));
    }

    /** Where the last scans are kept; absent until the first scan, so a reader can tell "never scanned" cheaply. */
    public static Path cacheDir(Path dataRoot) {
        return dataRoot.resolve("scans");
    }

    /** The last scan of the image {@code name} names; {@code NOT_FOUND} when the image is unknown. */
    public Optional<ScanResult> last(String name) {
        return cache.last(images.resolve(name).id().toString());
    }

    /** Scans {@code name} with {@code asked} (empty: {@link #DEFAULT}), or returns the cached equal scan. */
    public ScanResult scan(String name, List<String> asked) throws IOException {
        ImageRecord image = images.resolve(name);
        List<ImageScanner> order = order(asked.isEmpty() ? DEFAULT : asked);
        List<String> names = order.stream().map(s -> s.descriptor().name()).toList();
        String dbVersion = null;
        StringBuilder key = new StringBuilder(image.id().toString());
        for (ImageScanner s : order) {
            String v = s.dataVersion();
            key.append(' ').append(s.descriptor().name()).append('=').append(v);
            if (s.descriptor().name().equals("vulns")) {
                dbVersion = v;
            }
        }
        Optional<ScanResult> hit = cache.last(image.id().toString()).filter(r -> r.cacheKey().equals(key.toString()));
        if (hit.isPresent()) {
            return hit.get();
        }
        String db = dbVersion;
        ScanResult result = Spans.child(tracer, "image.scan", () -> run(image, order, names, key.toString(), db));
        cache.put(result);
        cache.retain(id -> images.find(id).isPresent());
        publish(image, result);
        return result;
    }

    private ScanResult run(ImageRecord image, List<ImageScanner> order, List<String> names, String key, String db)
            throws IOException {
        Map<String, List<Finding>> by = new LinkedHashMap<>();
        try (LayerViews views = new LayerViews(images.storage(), runRoot, image, tracer)) {
            for (ImageScanner s : order) {
                String n = s.descriptor().name();
                List<Finding> previous = new ArrayList<>();
                s.needs().forEach(need -> previous.addAll(by.getOrDefault(need, List.of())));
                long start = System.nanoTime();
                List<Finding> found = Spans.child(tracer, "scan." + n, () -> s.scan(views.view(), previous));
                metrics.scanned(n, System.nanoTime() - start);
                by.put(n, found);
            }
        }
        List<Finding> all = new ArrayList<>();
        names.forEach(n -> all.addAll(by.get(n)));
        ScanResult r = new ScanResult(image.id().toString(), Instant.now(), db, names, key, all);
        metrics.found(r.summary());
        return r;
    }

    private void publish(ImageRecord image, ScanResult r) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("name", image.repoTags().isEmpty() ? image.id().toString() : image.repoTags().getFirst());
        r.summary().forEach((sev, n) -> attrs.put(sev.toLowerCase(Locale.ROOT), Integer.toString(n)));
        events.publish(Event.now("image", "scan", image.id().toString(), attrs));
    }

    /** The scanners asked for, each after those it needs; an unknown or unusable name is refused. */
    private List<ImageScanner> order(List<String> asked) {
        List<ImageScanner> out = new ArrayList<>();
        for (String n : asked) {
            add(n, out, 0);
        }
        return out;
    }

    private void add(String name, List<ImageScanner> out, int depth) {
        if (depth > 8 || out.stream().anyMatch(s -> s.descriptor().name().equals(name))) {
            return;
        }
        ImageScanner s = plugins.ofKind(PluginKind.SCANNER).stream()
                .filter(p -> p.descriptor().name().equals(name) && p.usable()).map(LoadedPlugin::plugin)
                .map(ImageScanner.class::cast).findFirst()
                .orElseThrow(() -> EngineException.invalid("unknown scanner " + name + "; scanners: "
                        + plugins.ofKind(PluginKind.SCANNER).stream().map(p -> p.descriptor().name()).sorted().toList()));
        s.needs().forEach(n -> add(n, out, depth + 1));
        out.add(s);
    }
}
