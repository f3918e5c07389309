package dev.gantry.core.registry;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for parallel layer transfers: the first failure cancels the rest and is rethrown as it was. */
final class Transfers {
    private Transfers() {
    }

    static void awaitAll(List<Future<?>> transfers) throws IOException {
        for (Future<?> f : transfers) {
            try {
                join(f);
            } catch (IOException | RuntimeException e) {
                transfers.forEach(t -> t.cancel(true));
                throw e;
            }
        }
    }

    /** The result of one transfer, its failure rethrown as it was. */
    static <T> T join(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
