package dev.gantry.plugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.plugin.scan.sbom.SbomScanner;
import dev.gantry.spi.kit.ImageScannerKit;
import dev.gantry.spi.scan.Finding;
import dev.gantry.spi.scan.ImageScanner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class SbomScannerTest extends ImageScannerKit {
    @Override
    protected ImageScanner newPlugin() {
        return new SbomScanner();
    }

    @Override
    protected void populate(Path root) throws IOException {
        Fixtures.debian(root);
    }

    @Test
    void readsEveryKindOfPackageWithItsLayer() throws IOException {
        Path bottom = Files.createDirectories(work.resolve("b"));
        Fixtures.debian(bottom);
        Path top = Files.createDirectories(work.resolve("t"));
        Fixtures.debian(top, true);
        Fixtures.apk(top);
        Fixtures.python(top);
        Fixtures.npm(top);
        Fixtures.jar(top.resolve("app/lib.jar"), true);
        List<Finding> f = initialised().scan(layered(bottom, top));
        Finding bash = one(f, "pkg:deb/debian/bash@5.2.15-2%2Bb7?arch=amd64&distro=debian-12");
        assertEquals(0, bash.layer(), "bash came with the bottom layer");
        Finding curl = one(f, "pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12");
        assertEquals(1, curl.layer(), "curl was added on top");
        assertEquals("/var/lib/dpkg/status", curl.file());
        assertTrue(f.stream().noneMatch(x -> x.id().contains("/removed@")), "config-files packages are gone");
        assertEquals("MIT", one(f, "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=debian-12&upstream=musl-src").pkg().licence());
        assertEquals("Apache-2.0", one(f, "pkg:pypi/requests-toolbelt@1.0.0").pkg().licence());
        one(f, "pkg:npm/%40types/node@20.1.0");
        Finding nested = one(f, "pkg:maven/org.example/inner@2.0");
        assertEquals("/app/lib.jar!BOOT-INF/lib/inner.jar", nested.file());
        one(f, "pkg:maven/org.example/outer@1.0");
        one(f, "os:debian:12");
    }

    @Test
    void zipBombIsRefusedAndTheScanGoesOn() throws IOException {
        Path root = Files.createDirectories(work.resolve("bomb"));
        Fixtures.debian(root);
        Path jar = root.resolve("bomb.jar");
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("zeros"));
            byte[] mb = new byte[1 << 20];
            for (int i = 0; i < 600; i++) {
                z.write(mb);
            }
            z.closeEntry();
        }
        List<Finding> f = initialised().scan(layered(root, root));
        assertTrue(f.stream().anyMatch(x -> x.type() == Finding.Type.SKIPPED && x.file().equals("/bomb.jar")
                && x.title().contains("zip bomb")), f.toString());
        one(f, "os:debian:12");
    }

    static Finding one(List<Finding> f, String id) {
        List<Finding> m = f.stream().filter(x -> x.id().equals(id)).toList();
        assertEquals(1, m.size(), id + " in " + f.stream().map(Finding::id).toList());
        return m.getFirst();
    }
}
