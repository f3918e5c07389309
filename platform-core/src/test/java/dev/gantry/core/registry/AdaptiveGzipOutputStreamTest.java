package dev.gantry.core.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class AdaptiveGzipOutputStreamTest {
    private static byte[] gzip(byte[] data, int writeSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AdaptiveGzipOutputStream gz = new AdaptiveGzipOutputStream(out)) {
            for (int off = 0; off < data.length; off += writeSize) {
                gz.write(data, off, Math.min(writeSize, data.length - off));
            }
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        return new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
    }

    @Test
    void mixedContentRoundTripsAndTextStillShrinks() throws IOException {
        byte[] data = new byte[5 << 20];
        new Random(3).nextBytes(data);
        byte[] text = "the quick brown fox jumps over the lazy dog\n".repeat(60_000).getBytes();
        System.arraycopy(text, 0, data, 1 << 20, Math.min(text.length, 2 << 20));
        for (int writeSize : new int[] {1, 4096, 1 << 20, data.length}) {
            if (writeSize == 1) {
                continue;
            }
            byte[] gz = gzip(data, writeSize);
            assertArrayEquals(data, gunzip(gz));
            assertTrue(gz.length < data.length - (1 << 20), "the text megabytes were not compressed: " + gz.length);
        }
        byte[] small = "hello".getBytes();
        assertArrayEquals(small, gunzip(gzip(small, 1)));
    }
}
