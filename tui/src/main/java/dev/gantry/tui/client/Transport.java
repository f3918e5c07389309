package dev.gantry.tui.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** How bytes reach the engine: a unix socket or TCP. Each request gets its own connection. */
public interface Transport {
    Connection open(Duration connectTimeout) throws IOException;

    /** One open connection; closing it from another thread unblocks a read (that is how timeouts work). */
    interface Connection extends Closeable {
        InputStream in() throws IOException;

        OutputStream out() throws IOException;
    }
}
