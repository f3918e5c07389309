package dev.gantry.core.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream that stores what does not compress. Layers often hold already-compressed data (archives,
 * images, other compressed files), which deflate spends its whole time on for nothing; here every megabyte is
 * first sampled with a quick probe, and written stored when the sample does not shrink. The output is one
 * ordinary gzip stream that any reader accepts.
 */
final class AdaptiveGzipOutputStream extends GZIPOutputStream {
    private static final int CHUNK = 1 << 20;
    private static final int SAMPLE = 32 << 10;
    private static final double INCOMPRESSIBLE = 0.97;

    private final Deflater probe = new Deflater(Deflater.BEST_SPEED, true);
    private final byte[] scratch = new byte[SAMPLE + 1024];
    private long position;
    private int level = Deflater.DEFAULT_COMPRESSION;

    AdaptiveGzipOutputStream(OutputStream out) throws IOException {
        super(out, 1 << 16);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int inChunk = (int) (position % CHUNK);
            if (inChunk == 0) {
                choose(b, off, Math.min(len, SAMPLE));
            }
            int n = Math.min(len, CHUNK - inChunk);
            super.write(b, off, n);
            position += n;
            off += n;
            len -= n;
        }
    }

    /** Sets the level for the coming chunk from how well its first bytes compress. */
    private void choose(byte[] b, int off, int len) throws IOException {
        probe.reset();
        probe.setInput(b, off, len);
        probe.finish();
        int out = 0;
        while (!probe.finished()) {
            out += probe.deflate(scratch);
        }
        int wanted = out > len * INCOMPRESSIBLE ? Deflater.NO_COMPRESSION : Deflater.DEFAULT_COMPRESSION;
        if (wanted != level) {
            def.setLevel(wanted);
            level = wanted;
            // apply the new level now, with no input pending: zlib would otherwise use the old one on the next chunk
            def.setInput(new byte[0]);
            deflate();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            probe.end();
        }
    }
}
