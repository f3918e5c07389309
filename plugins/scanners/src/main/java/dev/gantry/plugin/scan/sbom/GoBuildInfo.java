package dev.gantry.plugin.scan.sbom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The module build information of a Go binary (Go 1.18+): the ELF section {@code .go.buildinfo} starts with
 * the 14-byte magic {@code \xff Go buildinf:}, a pointer size, a flags byte whose bit 2 says the strings follow
 * inline at offset 32 as two uvarint-prefixed strings: the Go version and the module info, whose lines are
 * {@code path}, {@code mod PATH VERSION SUM}, {@code dep PATH VERSION SUM} and {@code => PATH VERSION SUM}
 * (a replacement of the line before). Only section headers and that section are read.
 */
final class GoBuildInfo {
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int SECTION_CAP = 1 << 20;

    record Module(String path, String version) {
    }

    record Info(String goVersion, Optional<Module> main, List<Module> deps) {
    }

    private GoBuildInfo() {
    }

    static Optional<Info> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer id = read(ch, 0, 64);
            if (id.limit() < 64 || id.order(ByteOrder.LITTLE_ENDIAN).getInt(0) != 0x464c457f) {
                return Optional.empty();
            }
            boolean is64 = id.get(4) == 2;
            id.order(id.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            long shoff = is64 ? id.getLong(0x28) : Integer.toUnsignedLong(id.getInt(0x20));
            int shentsize = Short.toUnsignedInt(id.getShort(is64 ? 0x3A : 0x2E));
            int shnum = Short.toUnsignedInt(id.getShort(is64 ? 0x3C : 0x30));
            int shstrndx = Short.toUnsignedInt(id.getShort(is64 ? 0x3E : 0x32));
            if (shnum == 0 || shnum > 4096 || shentsize < (is64 ? 64 : 40) || shstrndx >= shnum) {
                return Optional.empty();
            }
            ByteBuffer sh = read(ch, shoff, (long) shentsize * shnum).order(id.order());
            if (sh.limit() < shentsize * shnum) {
                return Optional.empty();
            }
            long[] names = section(sh, shstrndx, shentsize, is64);
            ByteBuffer strtab = read(ch, names[0], Math.min(names[1], SECTION_CAP));
            for (int i = 0; i < shnum; i++) {
                int nameOff = sh.getInt(i * shentsize);
                if (".go.buildinfo".equals(cstring(strtab, nameOff))) {
                    long[] s = section(sh, i, shentsize, is64);
                    return parse(read(ch, s[0], Math.min(s[1], SECTION_CAP)));
                }
            }
            return Optional.empty();
        }
    }

    /** offset and size of section {@code i} */
    private static long[] section(ByteBuffer sh, int i, int entsize, boolean is64) {
        int base = i * entsize;
        return is64 ? new long[] {sh.getLong(base + 0x18), sh.getLong(base + 0x20)}
                : new long[] {Integer.toUnsignedLong(sh.getInt(base + 0x10)), Integer.toUnsignedLong(sh.getInt(base + 0x14))};
    }

    private static ByteBuffer read(FileChannel ch, long off, long len) throws IOException {
        if (off < 0 || len < 0 || len > SECTION_CAP * 4L || off > ch.size()) {
            return ByteBuffer.allocate(0);
        }
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(len, ch.size() - off));
        while (b.hasRemaining() && ch.read(b, off + b.position()) > 0) {
            // read until full or end of file
        }
        b.flip();
        return b;
    }

    private static String cstring(ByteBuffer b, int off) {
        if (off < 0 || off >= b.limit()) {
            return "";
        }
        int end = off;
        while (end < b.limit() && b.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[end - off];
        b.get(off, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    static Optional<Info> parse(ByteBuffer b) {
        if (b.limit() < 32) {
            return Optional.empty();
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                return Optional.empty();
            }
        }
        if ((b.get(15) & 2) == 0) {
            return Optional.empty(); // pre-1.18 pointer form: not read
        }
        int[] at = {32};
        String go = uvarintString(b, at);
        String mod = uvarintString(b, at);
        if (go == null || mod == null) {
            return Optional.empty();
        }
        if (mod.length() >= 33) {
            mod = mod.substring(16, mod.length() - 16); // the sentinels around the module info
        }
        Optional<Module> main = Optional.empty();
        List<Module> deps = new ArrayList<>();
        for (String line : mod.split("\n")) {
            String[] f = line.split("\t");
            if (f.length >= 3 && f[0].equals("mod")) {
                main = Optional.of(new Module(f[1], f[2]));
            } else if (f.length >= 3 && f[0].equals("dep")) {
                deps.add(new Module(f[1], f[2]));
            } else if (f.length >= 3 && f[0].equals("=>") && !deps.isEmpty()) {
                deps.set(deps.size() - 1, new Module(f[1], f[2]));
            }
        }
        return Optional.of(new Info(go, main, deps));
    }

    private static String uvarintString(ByteBuffer b, int[] at) {
        long n = 0;
        int shift = 0;
        while (at[0] < b.limit() && shift < 35) {
            int c = b.get(at[0]++) & 0xff;
            n |= (long) (c & 0x7f) << shift;
            if ((c & 0x80) == 0) {
                if (n > b.limit() - at[0]) {
                    return null;
                }
                byte[] s = new byte[(int) n];
                b.get(at[0], s);
                at[0] += (int) n;
                return new String(s, StandardCharsets.UTF_8);
            }
            shift += 7;
        }
        return null;
    }
}
