package dev.gantry.core.container;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The wait before an auto-removal: woken by the last reader leaving, bounded by its maximum otherwise. */
class AttachedReadersTest {
    @Test
    void theLastReaderLeavingWakesTheWaiter() throws Exception {
        AttachedReaders readers = new AttachedReaders();
        AttachedReaders.Reading one = readers.enter("c");
        AttachedReaders.Reading two = readers.enter("c");
        CountDownLatch done = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            readers.awaitNone("c", Duration.ofMinutes(10));
            done.countDown();
        });
        one.close();
        assertFalse(done.await(300, TimeUnit.MILLISECONDS), "one reader is still there");
        two.close();
        assertTrue(done.await(2, TimeUnit.MINUTES), "woken well before its ten minutes");
    }

    @Test
    void anotherContainersReaderDoesNotHoldTheWaiterAndTheMaximumEndsTheWait() throws Exception {
        AttachedReaders readers = new AttachedReaders();
        readers.enter("other");
        readers.awaitNone("c", Duration.ofMinutes(10));
        readers.enter("c");
        readers.awaitNone("c", Duration.ofMillis(50));
    }
}
