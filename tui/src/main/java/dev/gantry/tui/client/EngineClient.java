package dev.gantry.tui.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The dashboard's link to a Docker API engine. Every request carries {@link #USER_AGENT}, which Gantry's trace
 * store recognises and leaves out of {@code /gantry/v1/traces}. Calls block, with deadlines: the UI thread never
 * makes them.
 */
public final class EngineClient {
    public static final String USER_AGENT = "gantry-dashboard/1";
    public static final Duration CONNECT = Duration.ofSeconds(3);
    public static final Duration CALL = Duration.ofSeconds(10);
    private static final int MAX_BODY = 32 << 20;

    private final DockerHost host;
    private final Transport transport;

    public EngineClient(DockerHost host) {
        this.host = host;
        this.transport = host.transport();
    }

    public DockerHost host() {
        return host;
    }

    /** A whole answer, read within {@code limit}; a non-2xx becomes an {@link EngineException}. */
    public String call(String method, String path, Duration limit) throws IOException {
        try (Transport.Connection c = transport.open(CONNECT); Deadline.Armed armed = Deadline.arm(c, limit)) {
            HttpResponse r = send(c, method, path);
            byte[] body = r.body().readNBytes(MAX_BODY);
            String text = new String(body, StandardCharsets.UTF_8);
            if (r.status() / 100 != 2) {
                throw new EngineException(r.status(), message(text, r.status()));
            }
            return text;
        }
    }

    public JsonNode get(String path) throws IOException {
        String text = call("GET", path, CALL);
        return text.isBlank() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(text);
    }

    public String getText(String path) throws IOException {
        return call("GET", path, CALL);
    }

    public void post(String path) throws IOException {
        call("POST", path, Duration.ofSeconds(40));
    }

    public void delete(String path) throws IOException {
        call("DELETE", path, Duration.ofSeconds(40));
    }

    /** A streamed answer: the head within the call deadline, then the body as it comes, until closed. */
    public Stream stream(String path) throws IOException {
        Transport.Connection c = transport.open(CONNECT);
        try {
            HttpResponse r;
            try (Deadline.Armed armed = Deadline.arm(c, CALL)) {
                r = send(c, "GET", path);
            }
            if (r.status() / 100 != 2) {
                String text = new String(r.body().readNBytes(64 * 1024), StandardCharsets.UTF_8);
                throw new EngineException(r.status(), message(text, r.status()));
            }
            return new Stream(c, r);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** An open streamed answer. Closing it (from any thread) ends a blocked read. */
    public static final class Stream implements Closeable {
        private final Transport.Connection connection;
        private final HttpResponse response;

        Stream(Transport.Connection connection, HttpResponse response) {
            this.connection = connection;
            this.response = response;
        }

        public InputStream body() {
            return response.body();
        }

        public String contentType() {
            return response.header("content-type");
        }

        /** Reads a stream of JSON documents (events, stats), one at a time, until the end or an error. */
        public void eachJson(Consumer<JsonNode> sink) throws IOException {
            try (MappingIterator<JsonNode> it = Json.MAPPER.readerFor(JsonNode.class).readValues(body())) {
                while (it.hasNextValue()) {
                    sink.accept(it.nextValue());
                }
            } catch (RuntimeException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }

    private HttpResponse send(Transport.Connection c, String method, String path) throws IOException {
        String request = method + " " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: " + USER_AGENT
                + "\r\nConnection: close\r\n" + (method.equals("GET") ? "" : "Content-Length: 0\r\n") + "\r\n";
        OutputStream out = c.out();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return HttpResponse.read(c.in());
    }

    /** A name or id as one path segment (image refs hold ':' and '/'). */
    public static String segment(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String message(String body, int status) {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n != null && n.hasNonNull("message")) {
                return n.get("message").asText();
            }
        } catch (IOException e) {
            // not Docker's error form: the text itself says what went wrong
        }
        String text = body.strip();
        return text.isEmpty() ? "HTTP " + status : text.length() > 200 ? text.substring(0, 200) : text;
    }
}
