package dev.gantry.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The dashboard's only link to the engine: GET requests over its unix socket. The JDK's HttpClient has no
 * unix-socket transport, and the dashboard needs nothing but small JSON answers, so it speaks HTTP/1.1 with
 * {@code Connection: close} itself.
 */
public final class GantryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path socket;

    public GantryClient(Path socket) {
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }

    public JsonNode get(String path) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: gantry\r\nUser-Agent: gantry-tui\r\nConnection: close\r\n\r\n";
            ch.write(java.nio.ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            HttpResponse r = HttpResponse.read(Channels.newInputStream(ch));
            if (r.status() / 100 != 2) {
                throw new IOException(path + ": HTTP " + r.status() + " " + new String(r.body(), StandardCharsets.UTF_8));
            }
            return JSON.readTree(r.body());
        }
    }

    /** A parsed HTTP/1.1 response: status and body, with chunked transfer decoded. */
    record HttpResponse(int status, byte[] body) {
        static HttpResponse read(InputStream in) throws IOException {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            boolean chunked = false;
            long length = -1;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                }
            }
            return new HttpResponse(status, chunked ? chunks(in) : length >= 0 ? in.readNBytes((int) length) : in.readAllBytes());
        }

        private static byte[] chunks(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    return out.toByteArray();
                }
                out.write(in.readNBytes(n));
                line(in);
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }
    }
}
