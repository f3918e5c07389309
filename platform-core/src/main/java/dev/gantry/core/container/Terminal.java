package dev.gantry.core.container;

import dev.gantry.core.EngineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Talks to conmon's control FIFO: message type 1 is a terminal resize ({@code "1 <rows> <cols>\n"}), type 2
 * reopens the log.
 */
final class Terminal {
    private Terminal() {
    }

    /** Control message 2: conmon reopens its log file (after the file was rotated away). */
    static void reopenLogs(Path ctl) throws IOException {
        if (Files.exists(ctl)) {
            try (var ch = java.nio.channels.FileChannel.open(ctl, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap("2 0 0\n".getBytes(StandardCharsets.US_ASCII)));
            }
        }
    }

    static void resize(Path ctl, int height, int width) {
        if (height < 0 || width < 0) {
            throw EngineException.invalid("invalid terminal size");
        }
        if (!Files.exists(ctl)) {
            return;
        }
        try {
            // O_RDWR on a FIFO never blocks, even when conmon is not reading yet
            try (var ch = java.nio.channels.FileChannel.open(ctl, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(("1 " + height + " " + width + "\n").getBytes(StandardCharsets.US_ASCII)));
            }
        } catch (IOException e) {
            throw EngineException.failed("cannot resize the terminal: " + e.getMessage(), e);
        }
    }
}
