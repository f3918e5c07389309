package dev.gantry.core.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Bodies from a registry read into memory with a cap: a registry is hostile input, and a manifest, a token or an
 * error that never ends must not fill the engine's heap. Blobs are streamed to disk and are not read here.
 */
public final class Capped {
    /** Distribution's own limit on manifests and indexes. */
    public static final int MANIFEST = 4 << 20;
    /** An image config: environment, history and labels, never near this. */
    public static final int CONFIG = 8 << 20;
    public static final int TOKEN = 1 << 20;
    /** Error bodies are only shown: read this much, drop the rest. */
    public static final int ERROR = 64 << 10;

    private Capped() {
    }

    /** A handler reading the body into a byte array, failing once it is longer than {@code max}. */
    public static HttpResponse.BodyHandler<byte[]> bytes(int max) {
        return info -> new Subscriber(max);
    }

    /** At most {@code max} bytes of {@code in}: the start of an error body. */
    public static byte[] head(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Subscriber(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                if (data.size() + b.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new RegistryException(500,
                            "the registry sent a body larger than the limit of " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                data.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(data.toByteArray());
        }
    }
}
