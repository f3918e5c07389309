package dev.gantry.plugin.scan.support;

import dev.gantry.spi.scan.Finding;

/** Findings the scanners share the shape of. */
public final class Findings {
    private Findings() {
    }

    /** A file the scanner refused to read, and why. */
    public static Finding skipped(String scanner, String path, Integer layer, String why) {
        return new Finding(Finding.Type.SKIPPED, scanner + ":" + path, "UNKNOWN", why, path).withFile(path, layer);
    }
}
