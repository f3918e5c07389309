package dev.gantry.rest.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.registry.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Progress written as Docker's JSON message stream, one object per line, flushed as it goes. */
final class JsonProgress implements Progress {
    private static final ObjectMapper JSON = dev.gantry.core.state.Documents.MAPPER;
    private final OutputStream out;

    JsonProgress(OutputStream out) {
        this.out = out;
    }

    @Override
    public void status(String status) {
        write(JsonNodeFactory.instance.objectNode().put("status", status));
    }

    @Override
    public void item(String id, String status, long current, long total) {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("status", status);
        ObjectNode detail = n.putObject("progressDetail");
        if (current >= 0) {
            detail.put("current", current);
            if (total > 0) {
                detail.put("total", total);
            }
        }
        n.put("id", id);
        write(n);
    }

    @Override
    public void aux(Map<String, Object> values) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putObject("progressDetail");
        n.set("aux", JSON.valueToTree(values));
        write(n);
    }

    /** A line of text for the client to print, as {@code docker load} reports what it loaded. */
    void stream(String line) {
        write(JsonNodeFactory.instance.objectNode().put("stream", line + "\n"));
    }

    void error(String message) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putObject("errorDetail").put("message", message);
        n.put("error", message);
        write(n);
    }

    private synchronized void write(ObjectNode n) {
        try {
            out.write((n.toString() + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("client went away", e);
        }
    }
}
