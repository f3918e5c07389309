package dev.gantry.plugin.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small image roots for the scanners' unit tests (the suite's ITs use this machine's real databases). */
final class Fixtures {
    private Fixtures() {
    }

    static void debian(Path root) throws IOException {
        debian(root, false);
    }

    static void debian(Path root, boolean curl) throws IOException {
        write(root, "etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
        String status = "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b7\n"
                + "Description: GNU Bourne Again SHell\n continuation line\n\n"
                + "Package: removed\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1.0\n\n";
        if (curl) {
            status += "Package: curl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 7.88.1-10\n\n";
        }
        write(root, "var/lib/dpkg/status", status);
    }

    static void apk(Path root) throws IOException {
        write(root, "lib/apk/db/installed", "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\nS:383152\nL:MIT\no:musl-src\n"
                + "F:lib\nR:libc.musl-x86_64.so.1\n\n");
    }

    static void python(Path root) throws IOException {
        write(root, "usr/lib/python3/dist-packages/requests_toolbelt-1.0.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: requests_toolbelt\nVersion: 1.0.0\nLicense: Apache-2.0\n\nbody: text\n");
    }

    static void npm(Path root) throws IOException {
        write(root, "app/node_modules/@types/node/package.json", "{\"name\":\"@types/node\",\"version\":\"20.1.0\",\"license\":\"MIT\"}");
    }

    static void jar(Path jar, boolean nested) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("META-INF/maven/org.example/outer/pom.properties"));
            z.write("groupId=org.example\nartifactId=outer\nversion=1.0\n".getBytes());
            if (nested) {
                z.putNextEntry(new ZipEntry("BOOT-INF/lib/inner.jar"));
                var inner = new java.io.ByteArrayOutputStream();
                try (ZipOutputStream zi = new ZipOutputStream(inner)) {
                    zi.putNextEntry(new ZipEntry("META-INF/maven/org.example/inner/pom.properties"));
                    zi.write("groupId=org.example\nartifactId=inner\nversion=2.0\n".getBytes());
                }
                z.write(inner.toByteArray());
            }
        }
    }

    static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    }
}
