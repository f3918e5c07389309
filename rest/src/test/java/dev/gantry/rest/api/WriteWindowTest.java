package dev.gantry.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A stream whose queue never reports full (as when writes from another thread still sit in the event loop's task
 * queue) and whose writes complete only when the test says so.
 */
class WriteWindowTest {
    static final class Stream implements WriteStream<Buffer> {
        final List<Handler<AsyncResult<Void>>> unwritten = new CopyOnWriteArrayList<>();

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public Future<Void> write(Buffer data) {
            throw new AssertionError("a write must say when it is done");
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            unwritten.add(handler);
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }

        void writeOne() {
            unwritten.remove(0).handle(Future.succeededFuture());
        }
    }

    @Test
    void aSenderWaitsWhileItsWindowIsHandedOverButUnwritten() throws Exception {
        Stream s = new Stream();
        WriteWindow window = new WriteWindow(100);
        AtomicInteger sent = new AtomicInteger();
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 5; i++) {
                    window.send(s, Buffer.buffer(new byte[40]), () -> false);
                    sent.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(1000);
        assertEquals(3, sent.get(), "120 bytes pending fill a window of 100: the fourth send waits");
        assertEquals(120, window.pending());
        s.writeOne();
        Thread.sleep(1000);
        assertEquals(4, sent.get());
        s.writeOne();
        s.writeOne();
        sender.join(10_000);
        assertFalse(sender.isAlive());
        assertEquals(5, sent.get());
    }

    @Test
    void aClientThatGoesAwayReleasesTheSender() throws Exception {
        Stream s = new Stream();
        WriteWindow window = new WriteWindow(10);
        window.send(s, Buffer.buffer(new byte[10]), () -> false);
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                window.send(s, Buffer.buffer(new byte[10]), () -> true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sender.join(10_000);
        assertFalse(sender.isAlive());
    }
}
