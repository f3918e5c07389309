package dev.gantry.core.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.core.content.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small Distribution API registry on loopback for the client's tests: a token server (Bearer challenge, Basic
 * credentials for the token), manifests and blobs by digest, cross-repository mounts, and uploads in one PUT or
 * in PATCH chunks (streamed or with ranges).
 */
final class FakeRegistry implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "s3cret";
    private static final String TOKEN = "token-" + UUID.randomUUID();

    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    /** How many of the next manifest GETs answer 503, to test retries. */
    final java.util.concurrent.atomic.AtomicInteger failNextManifests = new java.util.concurrent.atomic.AtomicInteger();

    final java.util.concurrent.atomic.AtomicInteger failNextPatches = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpServer server;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    byte[] putBlob(byte[] data) {
        blobs.put(Digest.of(data).toString(), data);
        return data;
    }

    void putManifest(String repo, String reference, String mediaType, byte[] body) {
        String digest = Digest.of(body).toString();
        for (String ref : List.of(reference, digest)) {
            manifests.put(repo + ":" + ref, body);
            manifestTypes.put(repo + ":" + ref, mediaType);
        }
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String query = x.getRequestURI().getRawQuery();
        requests.add(x.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        if (path.equals("/token")) {
            String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                send(x, 401, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
                return;
            }
            send(x, 200, ("{\"token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8), "application/json");
            return;
        }
        if (!("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
            x.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\"fake\"");
            send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes(StandardCharsets.UTF_8), "application/json");
            return;
        }
        if (path.equals("/v2/")) {
            send(x, 200, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
            return;
        }
        if (path.startsWith("/upload/")) {
            upload(x, path.substring("/upload/".length()), query);
            return;
        }
        String rest = path.substring("/v2/".length());
        int m = rest.indexOf("/manifests/");
        int b = rest.indexOf("/blobs/");
        if (m >= 0) {
            String key = rest.substring(0, m) + ":" + rest.substring(m + "/manifests/".length());
            if (x.getRequestMethod().equals("PUT")) {
                putManifest(rest.substring(0, m), rest.substring(m + "/manifests/".length()),
                        x.getRequestHeaders().getFirst("Content-Type"), x.getRequestBody().readAllBytes());
                send(x, 201, new byte[0], "text/plain");
                return;
            }
            if (failNextManifests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(x, 503, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"try later\"}]}".getBytes(StandardCharsets.UTF_8), "application/json");
                return;
            }
            byte[] body = manifests.get(key);
            if (body == null) {
                send(x, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}".getBytes(StandardCharsets.UTF_8), "application/json");
                return;
            }
            send(x, 200, body, manifestTypes.get(key));
            return;
        }
        if (b >= 0) {
            String what = rest.substring(b + "/blobs/".length());
            if (what.startsWith("uploads") && query != null && query.startsWith("mount=")
                    && blobs.containsKey(query.substring("mount=".length()).split("&")[0].replace("%3A", ":"))) {
                // blobs are not kept per repository here: any known blob mounts
                send(x, 201, new byte[0], "text/plain");
                return;
            }
            if (what.startsWith("uploads")) {
                String id = UUID.randomUUID().toString();
                uploads.put(id, new ByteArrayOutputStream());
                x.getResponseHeaders().add("Location", "/upload/" + id);
                send(x, 202, new byte[0], "text/plain");
                return;
            }
            byte[] blob = blobs.get(what);
            if (blob == null) {
                send(x, 404, new byte[0], "application/json");
            } else if (x.getRequestMethod().equals("HEAD")) {
                x.getResponseHeaders().add("Content-Length", Integer.toString(blob.length));
                x.sendResponseHeaders(200, -1);
                x.close();
            } else {
                send(x, 200, blob, "application/octet-stream");
            }
            return;
        }
        send(x, 404, new byte[0], "text/plain");
    }

    private void upload(HttpExchange x, String id, String query) throws IOException {
        ByteArrayOutputStream data = uploads.get(id);
        if (data == null) {
            send(x, 404, new byte[0], "text/plain");
            return;
        }
        data.write(x.getRequestBody().readAllBytes());
        if (x.getRequestMethod().equals("PATCH") && failNextPatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(x, 500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"disk full\"}]}".getBytes(StandardCharsets.UTF_8), "application/json");
            return;
        }
        if (x.getRequestMethod().equals("PATCH")) {
            x.getResponseHeaders().add("Location", "/upload/" + id);
            send(x, 202, new byte[0], "text/plain");
            return;
        }
        String digest = query.substring(query.indexOf("digest=") + "digest=".length()).replace("%3A", ":");
        byte[] blob = data.toByteArray();
        if (!Digest.of(blob).toString().equals(digest)) {
            send(x, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"digest invalid\"}]}".getBytes(StandardCharsets.UTF_8), "application/json");
            return;
        }
        blobs.put(digest, blob);
        send(x, 201, new byte[0], "text/plain");
    }

    private static void send(HttpExchange x, int status, byte[] body, String type) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            x.getResponseBody().write(body);
        }
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
