package dev.gantry.core.scan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Scan metrics: {@code gantry_scan_seconds{scanner}} and {@code gantry_scan_findings_total{severity}}. */
final class ScanMetrics {
    private final MeterRegistry registry;

    ScanMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void scanned(String scanner, long nanos) {
        Timer.builder("gantry.scan").description("Time one scanner took on one image").tag("scanner", scanner)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    void found(Map<String, Integer> bySeverity) {
        bySeverity.forEach((severity, count) -> Counter.builder("gantry.scan.findings")
                .description("Findings of scans by severity").tag("severity", severity).register(registry)
                .increment(count));
    }
}
