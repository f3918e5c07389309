package dev.gantry.tui.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.tui.state.LogBuffer;
import java.util.concurrent.CompletableFuture;

/** What keys make happen outside the screen: engine calls (all asynchronous) and the exec hand-over. */
public interface Actions {
    /** The pane now on screen (its list is fetched while it is shown). */
    void paneShown(int pane);

    /** stop, start, restart, pause, unpause or kill. */
    void container(String id, String verb);

    void removeContainer(String id);

    void removeImage(String id);

    void pruneImages();

    void removeVolume(String name);

    void pruneVolumes();

    /** Follows a container's logs into a new buffer until {@link #closeLogs}. */
    LogBuffer openLogs(String id);

    void closeLogs();

    /** The JSON behind a row: {@code /containers/{id}/json} and the like. */
    CompletableFuture<JsonNode> details(int pane, String key);

    void openTrace(String traceId);

    /** Runs a shell in the container on the terminal; the caller has suspended the screen. */
    void exec(String id);
}
