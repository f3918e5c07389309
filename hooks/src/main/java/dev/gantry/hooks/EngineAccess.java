package dev.gantry.hooks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the {@code gantry} object may do to the engine, supplied by the server. Answers are in the Docker API's
 * JSON shapes (list and inspect as {@code GET /containers/json} and {@code /containers/{id}/json} answer), so
 * authors can use Docker's API reference. Options are the JS object the author passed, as JSON.
 */
public interface EngineAccess {
    /** {@code {all, filters}} as for {@code GET /containers/json}. */
    JsonNode listContainers(JsonNode options);

    JsonNode inspectContainer(String id);

    /** {@code {t, signal}}. */
    void stopContainer(String id, JsonNode options);

    /** {@code {signal}}. */
    void killContainer(String id, JsonNode options);

    /** {@code {force, v}}. */
    void removeContainer(String id, JsonNode options);

    /** {@code {all, filters}} as for {@code GET /images/json}. */
    JsonNode listImages(JsonNode options);

    /** {@code {force, noprune}}; answers what was untagged and deleted. */
    JsonNode removeImage(String name, JsonNode options);

    /** {@code {filters}} as for {@code GET /volumes}. */
    JsonNode listVolumes(JsonNode options);

    /** {@code {force}}. */
    void removeVolume(String name, JsonNode options);

    /** {@code {filters}} as for {@code POST /volumes/prune}; answers what was deleted. */
    JsonNode pruneVolumes(JsonNode options);
}
