package dev.gantry.plugin.storage.support;

import dev.gantry.spi.storage.SnapshotInfo;
import dev.gantry.spi.storage.SnapshotKind;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * One snapshot on disk: {@code <dir>/fs} holds the content, {@code <dir>/snapshot.properties} what it is. The
 * directory's name is the sha256 of the key, since keys may hold characters a file name cannot.
 */
public record SnapshotDir(Path dir, SnapshotInfo info) {
    static final String INFO_FILE = "snapshot.properties";

    public Path fs() {
        return dir.resolve("fs");
    }

    public static String dirName(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void writeInfo(Path dir, SnapshotInfo info) throws IOException {
        Properties p = new Properties();
        p.setProperty("key", info.key());
        p.setProperty("kind", info.kind().name());
        info.parent().ifPresent(parent -> p.setProperty("parent", parent));
        Path tmp = dir.resolve(INFO_FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, null);
        }
        Files.move(tmp, dir.resolve(INFO_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static Optional<SnapshotDir> read(Path dir) {
        Path file = dir.resolve(INFO_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SnapshotInfo info = new SnapshotInfo(p.getProperty("key"), Optional.ofNullable(p.getProperty("parent")),
                SnapshotKind.valueOf(p.getProperty("kind")));
        return Optional.of(new SnapshotDir(dir, info));
    }
}
