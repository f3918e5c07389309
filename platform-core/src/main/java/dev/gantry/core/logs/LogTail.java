package dev.gantry.core.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code docker logs --tail N} from the end: the log files (oldest first, as {@link LogFiles#list} lists them)
 * are read backwards from the newest until N whole lines are found; {@link LogStreamer} plays them forwards from
 * there. Memory and reading stay proportional to N, never to the whole rotated set.
 */
public final class LogTail {
    private static final int BLOCK = 64 << 10;
    /** Enough of a log line for its time, stream and P/F tag. */
    private static final int HEAD = 96;

    /** Where playing starts: a file of the list and an offset in it; {@code scanned} counts the bytes looked at. */
    public record Start(int file, long offset, long scanned) {
    }

    private LogTail() {
    }

    /** The start of the last {@code lines} lines (pieces of one line count once); all of it when negative. */
    public static Start find(List<Path> files, int lines) throws IOException {
        if (lines < 0) {
            return new Start(0, 0, 0);
        }
        long scanned = 0;
        int seen = 0;
        for (int f = files.size() - 1; f >= 0; f--) {
            try (FileChannel ch = FileChannel.open(files.get(f), StandardOpenOption.READ)) {
                Backwards back = new Backwards(ch);
                // a last line without its newline is still being written: it is not read yet
                long end = back.newlineBefore(ch.size());
                while (end >= 0) {
                    long start = back.newlineBefore(end) + 1;
                    if (fullLine(ch, start, end)) {
                        if (seen == lines) {
                            return new Start(f, end + 1, scanned + back.read);
                        }
                        seen++;
                    }
                    end = start - 1;
                }
                scanned += back.read;
            } catch (NoSuchFileException gone) {
                // rotated away meanwhile: the older files still count
            }
        }
        return new Start(0, 0, scanned);
    }

    /** Whether the log line at {@code [start, end)} is a whole line's entry (tag F), as {@link LogRecord} reads it. */
    private static boolean fullLine(FileChannel ch, long start, long end) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(HEAD, end - start));
        ch.read(head, start);
        String text = new String(head.array(), 0, head.position(), StandardCharsets.US_ASCII);
        int s1 = text.indexOf(' ');
        int s2 = s1 < 0 ? -1 : text.indexOf(' ', s1 + 1);
        if (s2 < 0 || s2 + 1 >= text.length()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text.substring(0, s1));
        } catch (RuntimeException e) {
            return false;
        }
        return text.charAt(s2 + 1) == 'F';
    }

    /** Newlines of a file, found from its end in blocks. */
    private static final class Backwards {
        private final FileChannel ch;
        private final ByteBuffer block = ByteBuffer.allocate(BLOCK);
        private long blockStart = -1;
        private int blockLength;
        long read;

        Backwards(FileChannel ch) {
            this.ch = ch;
        }

        /** The position of the last newline before {@code before}, or -1. */
        long newlineBefore(long before) throws IOException {
            for (long p = before - 1; p >= 0; p--) {
                if (blockStart < 0 || p < blockStart || p >= blockStart + blockLength) {
                    load(p + 1);
                    if (p >= blockStart + blockLength) {
                        return -1; // cut short meanwhile
                    }
                }
                if (block.get((int) (p - blockStart)) == '\n') {
                    return p;
                }
            }
            return -1;
        }

        private void load(long end) throws IOException {
            blockStart = Math.max(0, end - BLOCK);
            block.clear().limit((int) (end - blockStart));
            while (block.hasRemaining() && ch.read(block, blockStart + block.position()) > 0) {
                // fill the block
            }
            blockLength = block.position();
            read += blockLength;
        }
    }
}
