package dev.gantry.plugin.scan.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RPM header blobs in rpmdb.sqlite and Go build information in ELF files, made byte by byte as their formats say. */
class BinaryFormatsTest {
    @TempDir
    Path work;

    /** An RPM header: index entries (tag, type, offset, count) and a data store, big-endian. */
    static byte[] rpmHeader(Map<Integer, String> tags) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer index = ByteBuffer.allocate(16 * tags.size());
        for (var t : new java.util.TreeMap<>(tags).entrySet()) {
            index.putInt(t.getKey()).putInt(6).putInt(data.size()).putInt(1);
            data.writeBytes((t.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
        }
        return ByteBuffer.allocate(8 + index.capacity() + data.size()).putInt(tags.size()).putInt(data.size())
                .put(index.array()).put(data.toByteArray()).array();
    }

    @Test
    void rpmdbSqliteHeadersBecomePackages() throws Exception {
        Path root = work.resolve("root");
        Path db = Files.createDirectories(root.resolve("var/lib/rpm")).resolve("rpmdb.sqlite");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=\"rocky\"\nVERSION_ID=\"9.3\"\n");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
                p.setBytes(1, rpmHeader(Map.of(RpmHeader.NAME, "openssl-libs", RpmHeader.VERSION, "3.0.7",
                        RpmHeader.RELEASE, "25.el9_3", RpmHeader.ARCH, "x86_64", RpmHeader.LICENSE, "ASL 2.0",
                        RpmHeader.SOURCERPM, "openssl-3.0.7-25.el9_3.src.rpm")));
                p.execute();
                p.setBytes(1, new byte[] {0, 0, 0, 9, 0x7f, 0, 0, 0}); // counts that do not fit
                p.execute();
            }
        }
        var view = dev.gantry.spi.scan.ImageView.flat("sha256:" + "0".repeat(64), root, List.of(), "", Map.of());
        var f = new SbomScanner().scan(view);
        var pkg = f.stream().filter(x -> x.pkg() != null && "openssl-libs".equals(x.pkg().name())).findFirst().orElseThrow();
        assertEquals("3.0.7-25.el9_3", pkg.pkg().version());
        assertEquals("ASL 2.0", pkg.pkg().licence());
        assertEquals("pkg:rpm/rocky/openssl-libs@3.0.7-25.el9_3?arch=x86_64&distro=rocky-9.3&upstream=openssl-3.0.7-25.el9_3.src.rpm",
                pkg.pkg().purl());
        assertTrue(f.stream().anyMatch(x -> x.type() == dev.gantry.spi.scan.Finding.Type.SKIPPED
                && x.title().contains("malformed")), f.toString());
    }

    @Test
    void malformedHeaderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RpmHeader.parse(new byte[] {0, 0, 0x7f, 0, 0, 0, 0, 1}));
    }

    /** A little-endian ELF64 with a section-name table and a .go.buildinfo section in the inline (1.18+) form. */
    static byte[] goElf(String goVersion, String modinfo) {
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
        info.write(8);
        info.write(2);
        info.writeBytes(new byte[16]);
        for (String s : List.of(goVersion, modinfo)) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int n = b.length;
            while (n >= 0x80) {
                info.write((n & 0x7f) | 0x80);
                n >>>= 7;
            }
            info.write(n);
            info.writeBytes(b);
        }
        byte[] names = "\0.shstrtab\0.go.buildinfo\0".getBytes(StandardCharsets.US_ASCII);
        byte[] section = info.toByteArray();
        int namesOff = 64;
        int infoOff = namesOff + names.length;
        int shoff = infoOff + section.length;
        ByteBuffer b = ByteBuffer.allocate(shoff + 3 * 64 + 1024).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x464c457f).put(4, (byte) 2).put(5, (byte) 1).put(6, (byte) 1);
        b.putLong(0x28, shoff).putShort(0x3A, (short) 64).putShort(0x3C, (short) 3).putShort(0x3E, (short) 1);
        b.put(namesOff, names).put(infoOff, section);
        // section 1: .shstrtab, section 2: .go.buildinfo (section 0 is the null section)
        b.putInt(shoff + 64, 1).putLong(shoff + 64 + 0x18, namesOff).putLong(shoff + 64 + 0x20, names.length);
        b.putInt(shoff + 128, 11).putLong(shoff + 128 + 0x18, infoOff).putLong(shoff + 128 + 0x20, section.length);
        return b.array();
    }

    @Test
    void goModulesComeFromTheBuildInfoSection() throws Exception {
        String sentinel = "0123456789abcdef";
        String mod = sentinel + "path\texample.com/app\nmod\texample.com/app\tv1.2.3\th1:x=\n"
                + "dep\tgolang.org/x/net\tv0.17.0\th1:y=\ndep\tgithub.com/old/lib\tv1.0.0\th1:z=\n"
                + "=>\tgithub.com/new/lib\tv1.1.0\th1:w=\n" + sentinel;
        Path bin = work.resolve("app");
        Files.write(bin, goElf("go1.22.1", mod));
        Optional<GoBuildInfo.Info> info = GoBuildInfo.read(bin);
        assertEquals("go1.22.1", info.orElseThrow().goVersion());
        assertEquals(new GoBuildInfo.Module("example.com/app", "v1.2.3"), info.get().main().orElseThrow());
        assertEquals(List.of(new GoBuildInfo.Module("golang.org/x/net", "v0.17.0"),
                new GoBuildInfo.Module("github.com/new/lib", "v1.1.0")), info.get().deps());
        Files.write(work.resolve("junk"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(Optional.empty(), GoBuildInfo.read(work.resolve("junk")));
    }
}
