package dev.gantry.tui.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** An HTTP/1.1 response head, and its body as a stream (chunked transfer decoded). */
public record HttpResponse(int status, Map<String, String> headers, InputStream body) {

    public static HttpResponse read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new HashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
        }
        InputStream body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = new ChunkedInputStream(in);
        } else if (headers.containsKey("content-length")) {
            body = new BoundedInputStream(in, Long.parseLong(headers.get("content-length")));
        } else {
            body = in;
        }
        return new HttpResponse(status, headers, body);
    }

    public String header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c = in.read();
        if (c == -1) {
            throw new java.io.EOFException("connection closed");
        }
        for (; c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                sb.append((char) c);
            }
            if (sb.length() > 64 * 1024) {
                throw new IOException("header line too long");
            }
        }
        return sb.toString();
    }
}
