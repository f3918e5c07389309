package dev.gantry.core.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Content-addressed blobs under {@code <root>/sha256/<hex>}. A blob is written to {@code <root>/tmp/}, hashed on
 * the way, fsynced, checked against the digest it was announced with, and only then renamed into place: a blob
 * that exists is whole and correct. Temporary files a crash left are removed by {@link #open}.
 */
public final class ContentStore {
    private final Path blobs;
    private final Path tmp;

    private ContentStore(Path root) {
        this.blobs = root.resolve("sha256");
        this.tmp = root.resolve("tmp");
    }

    /** Opens the store, creating it, and removes what an interrupted write left in {@code tmp/}. */
    public static ContentStore open(Path root) throws IOException {
        ContentStore store = new ContentStore(root);
        Files.createDirectories(store.blobs);
        Files.createDirectories(store.tmp);
        try (Stream<Path> leftovers = Files.list(store.tmp)) {
            for (Path p : leftovers.toList()) {
                Files.deleteIfExists(p);
            }
        }
        return store;
    }

    private static final int COPY_BUFFER = 256 << 10;

    /**
     * Stores what {@code in} yields. With {@code expected}, content that hashes otherwise is refused with
     * {@link DigestMismatchException} and nothing is kept.
     */
    public Digest write(InputStream in, Optional<Digest> expected) throws IOException {
        try (Received received = receive(in, expected)) {
            received.store();
            return received.digest();
        }
    }

    /**
     * Receives a blob into {@code tmp/} and checks its digest, without storing it yet: it can be read at once
     * (a pull unpacks a layer while its blob is still being fsynced) and is stored by {@link Received#store()}.
     * A digest mismatch throws {@link DigestMismatchException} and keeps nothing.
     */
    public Received receive(InputStream in, Optional<Digest> expected) throws IOException {
        Path temp = Files.createTempFile(tmp, "blob-", ".part");
        try {
            MessageDigest md = Digest.sha256();
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(ch), md)) {
                // large writes: transferTo's 16 KiB would make a 50 MB layer 3,200 write calls
                byte[] buffer = new byte[COPY_BUFFER];
                for (int n = in.readNBytes(buffer, 0, buffer.length); n > 0; n = in.readNBytes(buffer, 0, buffer.length)) {
                    out.write(buffer, 0, n);
                }
            }
            Digest actual = Digest.of(md);
            if (expected.isPresent() && !expected.get().equals(actual)) {
                throw new DigestMismatchException(expected.get(), actual);
            }
            return new Received(temp, actual);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * A verified blob not yet in the store. Readers opened before {@link #store()} keep reading after it (the
     * file is only renamed); closing without storing discards it.
     */
    public final class Received implements AutoCloseable {
        private final Path temp;
        private final Digest digest;

        private Received(Path temp, Digest digest) {
            this.temp = temp;
            this.digest = digest;
        }

        public Digest digest() {
            return digest;
        }

        /** The blob's bytes, from where they wait; open it before {@link #store()}. */
        public InputStream open() throws IOException {
            return Files.newInputStream(temp);
        }

        /** Fsyncs the blob and renames it into place: from here it exists, whole. */
        public void store() throws IOException {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            commit(temp, digest);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A blob written as a stream, for producers that push bytes (a compressor) rather than hand over a stream to
     * read. Nothing is visible until {@link BlobWriter#commit()}; closing without it discards the bytes.
     */
    public BlobWriter writer() throws IOException {
        return new BlobWriter(Files.createTempFile(tmp, "blob-", ".part"));
    }

    public final class BlobWriter extends OutputStream {
        private final Path temp;
        private final FileChannel channel;
        private final MessageDigest md = Digest.sha256();
        private final OutputStream out;
        private boolean committed;

        private BlobWriter(Path temp) throws IOException {
            this.temp = temp;
            this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            this.out = new java.io.BufferedOutputStream(new DigestOutputStream(java.nio.channels.Channels.newOutputStream(channel), md), 1 << 16);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        /** Flushes, fsyncs and moves the blob into place; returns its digest. */
        public Digest commit() throws IOException {
            out.flush();
            channel.force(true);
            channel.close();
            Digest d = Digest.of(md);
            ContentStore.this.commit(temp, d);
            committed = true;
            Files.deleteIfExists(temp);
            return d;
        }

        /** Closing does not commit: a writer closed without {@link #commit()} leaves nothing. */
        @Override
        public void close() throws IOException {
            if (channel.isOpen()) {
                out.flush();
                channel.close();
            }
            if (!committed) {
                Files.deleteIfExists(temp);
            }
        }
    }

    public Digest write(byte[] bytes) throws IOException {
        return write(new java.io.ByteArrayInputStream(bytes), Optional.empty());
    }

    private void commit(Path temp, Digest digest) throws IOException {
        Path target = path(digest);
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!Files.exists(target)) {
                throw e;
            }
        }
    }

    public boolean exists(Digest d) {
        return Files.isRegularFile(path(d));
    }

    public long size(Digest d) throws IOException {
        return Files.size(path(d));
    }

    public InputStream open(Digest d) throws IOException {
        if (!exists(d)) {
            throw new java.nio.file.NoSuchFileException("blob " + d + " is not in the content store");
        }
        return Files.newInputStream(path(d));
    }

    public byte[] read(Digest d) throws IOException {
        try (InputStream in = open(d)) {
            return in.readAllBytes();
        }
    }

    /** The blob's file, for readers that want a path (never write to it). */
    public Path path(Digest d) {
        return blobs.resolve(d.hex());
    }

    public void delete(Digest d) throws IOException {
        Files.deleteIfExists(path(d));
    }

    public List<Digest> all() throws IOException {
        List<Digest> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(blobs)) {
            s.forEach(p -> all.add(new Digest(p.getFileName().toString())));
        }
        return all;
    }

    /** Files in {@code tmp/}: zero unless a write is under way. */
    public long pendingWrites() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }
}
