package dev.gantry.rest.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.WriteStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** A write stream whose queue is full until the test drains it. */
public class BackpressureTest {
    public static final class Stream implements WriteStream<String> {
        public volatile boolean full = true;
        volatile Handler<Void> drain;

        @Override
        public WriteStream<String> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Future<Void> write(String data) {
            return Future.succeededFuture();
        }

        @Override
        public void write(String data, Handler<AsyncResult<Void>> handler) {
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
        }

        @Override
        public WriteStream<String> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return full;
        }

        @Override
        public WriteStream<String> drainHandler(Handler<Void> handler) {
            drain = handler;
            return this;
        }

        void drained() {
            full = false;
            drain.handle(null);
        }
    }

    @org.junit.jupiter.api.Test
    void aWriterWaitsUntilTheClientTakesWhatWasWritten() throws Exception {
        Stream s = new Stream();
        AtomicBoolean passed = new AtomicBoolean();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                Backpressure.awaitWritable(s, () -> false);
                passed.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(1500);
        assertFalse(passed.get(), "wrote on while the client's queue was full");
        s.drained();
        writer.join(10_000);
        assertTrue(passed.get());
    }

    @org.junit.jupiter.api.Test
    void aClientThatGoesAwayReleasesTheWriter() throws Exception {
        Stream s = new Stream();
        AtomicBoolean gone = new AtomicBoolean();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                Backpressure.awaitWritable(s, gone::get);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        gone.set(true);
        writer.join(10_000);
        assertFalse(writer.isAlive());
    }
}
