package dev.gantry.rest.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The root file systems of ScanIT's images, as tars for {@code docker import}, made from this machine's real
 * files: its dpkg database and os-release, its Python distributions' metadata, a jar from the local Maven
 * repository; the apk database is written in Alpine's documented format.
 */
final class ScanImages {
    static final Path DPKG_STATUS = Path.of("/var/lib/dpkg/status");
    static final Path DPKG_STATUS_D = Path.of("/var/lib/dpkg/status.d");
    static final Path PYTHON = Path.of("/usr/lib/python3/dist-packages");
    static final Path JAR = Path.of(System.getProperty("user.home"),
            ".m2/repository/org/apache/commons/commons-compress/1.28.0/commons-compress-1.28.0.jar");
    static final String APK_DB = """
            C:Q1SQ8j4IuLvcCyFRBMOj6Ep6rKbqo=
            P:musl
            V:1.2.4_git20230717-r4
            A:x86_64
            S:407278
            I:667648
            T:the musl c library (libc) implementation
            U:https://musl.libc.org/
            L:MIT
            o:musl
            m:Timo Teräs <timo.teras@iki.fi>
            t:1705418136
            c:a2d2b8f86d5e6f7dd9d7d7b2d6a3b1fa3a0f4dc5
            p:so:libc.musl-x86_64.so.1=1
            F:lib
            R:ld-musl-x86_64.so.1
            a:0:0:755
            Z:Q1dsWQRo/dIw3ngffdB3WB4qBzVvU=
            R:libc.musl-x86_64.so.1

            C:Q1jdBVN6VEcJIJUmPsn4wVKGRYOvI=
            P:busybox
            V:1.36.1-r15
            A:x86_64
            S:510105
            I:954368
            T:Size optimized toolbox of many common UNIX utilities
            U:https://busybox.net/
            L:GPL-2.0-only
            o:busybox
            D:so:libc.musl-x86_64.so.1
            F:bin
            R:busybox

            C:Q1IYu2a7UNLGRBlRBlnRgUjJzTvCw=
            P:libcrypto3
            V:3.1.4-r5
            A:x86_64
            S:1699584
            I:4505600
            T:Crypto library from openssl
            U:https://www.openssl.org/
            L:Apache-2.0
            o:openssl
            D:so:libc.musl-x86_64.so.1
            F:usr/lib
            R:libcrypto.so.3

            """;

    private ScanImages() {
    }

    interface Body {
        void write(TarArchiveOutputStream t) throws IOException;
    }

    static Path tar(Path file, Body body) throws IOException {
        try (OutputStream o = Files.newOutputStream(file); TarArchiveOutputStream t = new TarArchiveOutputStream(o)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            body.write(t);
        }
        return file;
    }

    /** The Debian-style rootfs: this machine's dpkg database, os-release, Python metadata, a jar and an apk db. */
    static Path packages(Path dir) throws IOException {
        return tar(dir.resolve("packages.tar"), t -> {
            file(t, "etc/os-release", Files.readAllBytes(Path.of("/etc/os-release")));
            file(t, "var/lib/dpkg/status", Files.readAllBytes(DPKG_STATUS));
            if (Files.isDirectory(DPKG_STATUS_D)) {
                try (Stream<Path> s = Files.list(DPKG_STATUS_D)) {
                    for (Path p : s.filter(Files::isRegularFile).toList()) {
                        file(t, "var/lib/dpkg/status.d/" + p.getFileName(), Files.readAllBytes(p));
                    }
                }
            }
            for (Path d : distInfos()) {
                file(t, "usr/lib/python3/dist-packages/" + d.getFileName() + "/METADATA", Files.readAllBytes(d.resolve("METADATA")));
            }
            file(t, "opt/app/lib/commons-compress.jar", Files.readAllBytes(JAR));
            file(t, "lib/apk/db/installed", APK_DB.getBytes());
        });
    }

    static List<Path> distInfos() throws IOException {
        try (Stream<Path> s = Files.list(PYTHON)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".dist-info") && Files.isRegularFile(p.resolve("METADATA")))
                    .sorted().toList();
        }
    }

    /** Package databases and archives an attacker would plant. */
    static Path hostile(Path dir) throws IOException {
        return tar(dir.resolve("hostile.tar"), t -> {
            file(t, "etc/os-release", "ID=debian\nVERSION_ID=12\n".getBytes());
            byte[] garbage = new byte[256 * 1024];
            new java.util.Random(1).nextBytes(garbage);
            file(t, "var/lib/dpkg/status", garbage);
            file(t, "usr/lib/sysimage/rpm/rpmdb.sqlite", garbage);
            byte[] huge = new byte[(64 << 20) + 1];
            file(t, "lib/apk/db/installed", huge);
            link(t, "loop/a", "b");
            link(t, "loop/b", "a");
            link(t, "var/lib/dpkg/status.d", "/../../../../../../var/lib/dpkg");
            StringBuilder deep = new StringBuilder("deep");
            for (int i = 0; i < 150; i++) {
                deep.append("/d");
            }
            file(t, deep + "/package.json", "{}".getBytes());
            file(t, "opt/bomb.jar", bomb());
        });
    }

    /** 700 MiB of zeros in a jar: a few hundred KiB on disk. */
    private static byte[] bomb() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("META-INF/maven/evil/bomb/pom.properties"));
            z.write("groupId=evil\nartifactId=bomb\nversion=1\n".getBytes());
            z.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] mb = new byte[1 << 20];
            for (int i = 0; i < 700; i++) {
                z.write(mb);
            }
        }
        return out.toByteArray();
    }

    static void file(TarArchiveOutputStream t, String name, byte[] body) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(body.length);
        e.setMode(0644);
        t.putArchiveEntry(e);
        t.write(body);
        t.closeArchiveEntry();
    }

    static void link(TarArchiveOutputStream t, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }
}
