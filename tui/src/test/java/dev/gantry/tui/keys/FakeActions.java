package dev.gantry.tui.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.tui.client.Json;
import dev.gantry.tui.state.LogBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Records what the keys asked for; details answer with canned JSON, logs with a buffer the test fills. */
public final class FakeActions implements Actions {
    public final List<String> calls = new ArrayList<>();
    public final LogBuffer logs = new LogBuffer();
    public JsonNode details = Json.parse("{\"Id\":\"x\",\"State\":{\"Status\":\"running\",\"Pid\":42},\"Args\":[\"a\",\"b\"]}");

    @Override
    public void paneShown(int pane) {
        calls.add("pane " + pane);
    }

    @Override
    public void container(String id, String verb) {
        calls.add(verb + " " + id);
    }

    @Override
    public void removeContainer(String id) {
        calls.add("rm " + id);
    }

    @Override
    public void removeImage(String id) {
        calls.add("rmi " + id);
    }

    @Override
    public void pruneImages() {
        calls.add("prune images");
    }

    @Override
    public void removeVolume(String name) {
        calls.add("rmv " + name);
    }

    @Override
    public void pruneVolumes() {
        calls.add("prune volumes");
    }

    @Override
    public LogBuffer openLogs(String id) {
        calls.add("logs " + id);
        return logs;
    }

    @Override
    public void closeLogs() {
        calls.add("close logs");
    }

    @Override
    public CompletableFuture<JsonNode> details(int pane, String key) {
        calls.add("details " + pane + " " + key);
        return CompletableFuture.completedFuture(details);
    }

    @Override
    public void openTrace(String traceId) {
        calls.add("trace " + traceId);
    }

    @Override
    public void exec(String id) {
        calls.add("exec " + id);
    }
}
