package dev.gantry.rest.api;

import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.NetSocketInternal;
import java.lang.reflect.Method;

/**
 * Docker's hijacked connections ({@code attach}, {@code exec start}): the client POSTs with
 * {@code Connection: Upgrade} and {@code Upgrade: tcp}, the server answers {@code 101 UPGRADED} and both sides
 * then speak raw bytes on the socket. Clients without the upgrade headers get {@code 200} and the same.
 *
 * <p>Vert.x 4 turns a request into a socket only for CONNECT or a GET upgrade; the check sits in front of a
 * package-private method that does the real work for any method. This is the one place that calls it,
 * reflectively, with the method the check expects. The connection also allows half-closure, because the docker
 * CLI closes its writing side when stdin ends and still reads the output.
 */
public final class Hijack {
    public static final String RAW = "application/vnd.docker.raw-stream";
    public static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
    private static final Method NET_SOCKET = find();
    private static final java.lang.reflect.Field DELEGATE = delegateField();

    private Hijack() {
    }

    private static Method find() {
        try {
            Class<?> response = Class.forName("io.vertx.core.http.impl.Http1xServerResponse");
            Method m = response.getDeclaredMethod("netSocket", HttpMethod.class, MultiMap.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this Vert.x cannot hijack HTTP/1.1 connections: " + e, e);
        }
    }

    private static java.lang.reflect.Field delegateField() {
        try {
            java.lang.reflect.Field f = io.vertx.core.http.impl.HttpServerRequestWrapper.class.getDeclaredField("delegate");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Vert.x cannot hijack HTTP/1.1 connections: " + e, e);
        }
    }

    /** Quarkus wraps the request (to resume it lazily); the connection belongs to the one underneath. */
    private static HttpServerRequest unwrap(HttpServerRequest request) {
        HttpServerRequest r = request;
        try {
            while (r instanceof io.vertx.core.http.impl.HttpServerRequestWrapper w) {
                r = (HttpServerRequest) DELEGATE.get(w);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return r;
    }

    /** Upgrades the request's connection; the socket then carries the stream. */
    @SuppressWarnings("unchecked")
    public static Future<NetSocket> upgrade(HttpServerRequest wrapped, String contentType) {
        HttpServerRequest request = unwrap(wrapped);
        HttpServerResponse response = request.response();
        boolean upgrade = request.headers().contains("Upgrade");
        response.putHeader("Content-Type", contentType);
        if (upgrade) {
            response.putHeader("Connection", "Upgrade").putHeader("Upgrade", "tcp");
        }
        if (request.connection() instanceof ConnectionBase base) {
            base.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
        try {
            return (Future<NetSocket>) NET_SOCKET.invoke(response, upgrade ? HttpMethod.GET : HttpMethod.CONNECT,
                    upgradeHeaders(request, upgrade));
        } catch (ReflectiveOperationException e) {
            return Future.failedFuture(e);
        }
    }

    private static MultiMap upgradeHeaders(HttpServerRequest request, boolean upgrade) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        if (upgrade) {
            h.set("Connection", "Upgrade");
        }
        return h;
    }

    /** Calls {@code onEnd} when the client closes its writing side (half-close) or the whole socket. */
    public static void onInputEnd(NetSocket socket, Runnable onEnd) {
        if (socket instanceof NetSocketInternal internal) {
            internal.eventHandler(event -> {
                if (event instanceof ChannelInputShutdownEvent) {
                    onEnd.run();
                }
            });
        }
        socket.endHandler(v -> onEnd.run());
    }

    /** Docker's multiplexed framing: stream byte, three zero bytes, the payload's length big-endian, payload. */
    public static byte[] frame(int stream, byte[] data) {
        byte[] out = new byte[8 + data.length];
        out[0] = (byte) stream;
        int n = data.length;
        out[4] = (byte) (n >>> 24);
        out[5] = (byte) (n >>> 16);
        out[6] = (byte) (n >>> 8);
        out[7] = (byte) n;
        System.arraycopy(data, 0, out, 8, n);
        return out;
    }
}
