package dev.gantry.rest.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.volume.VolumeStore;
import dev.gantry.hooks.EngineAccess;
import dev.gantry.rest.api.PruneFilters;
import dev.gantry.rest.containers.ContainersResource;
import dev.gantry.rest.images.ImagesResource;
import dev.gantry.rest.volumes.VolumesResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Set;

/**
 * The {@code gantry} object's operations, answered by the Docker API's own resources so hooks see exactly what
 * {@code GET /containers/json} and friends answer (same filters, same shapes). Resources are looked up at the
 * first call: they depend on the hook gate, which depends on this.
 */
@ApplicationScoped
public class DockerEngineAccess implements EngineAccess {
    private final Instance<ContainersResource> containers;
    private final Instance<ImagesResource> images;
    private final Instance<VolumesResource> volumes;
    private final Instance<VolumeStore> volumeStore;

    DockerEngineAccess(Instance<ContainersResource> containers, Instance<ImagesResource> images,
                       Instance<VolumesResource> volumes, Instance<VolumeStore> volumeStore) {
        this.containers = containers;
        this.images = images;
        this.volumes = volumes;
        this.volumeStore = volumeStore;
    }

    private static String filters(JsonNode options) {
        JsonNode f = options.path("filters");
        return f.isObject() ? f.toString() : null;
    }

    private static String flag(JsonNode options, String field) {
        return Boolean.toString(options.path(field).asBoolean(false));
    }

    @Override
    public JsonNode listContainers(JsonNode options) {
        return containers.get().list(flag(options, "all"), options.path("limit").asInt(-1), filters(options));
    }

    @Override
    public JsonNode inspectContainer(String id) {
        return containers.get().inspect(id);
    }

    @Override
    public void stopContainer(String id, JsonNode options) {
        containers.get().stop(id, options.has("t") ? options.get("t").asInt() : null,
                options.path("signal").isTextual() ? options.get("signal").asText() : null);
    }

    @Override
    public void killContainer(String id, JsonNode options) {
        containers.get().kill(id, options.path("signal").isTextual() ? options.get("signal").asText() : null);
    }

    @Override
    public void removeContainer(String id, JsonNode options) {
        containers.get().remove(id, flag(options, "force"), flag(options, "v"), "false");
    }

    @Override
    public JsonNode listImages(JsonNode options) {
        return images.get().list(options.path("all").asBoolean(false), filters(options));
    }

    @Override
    public JsonNode removeImage(String name, JsonNode options) {
        return dev.gantry.core.state.Documents.MAPPER.valueToTree(images.get().remove(name,
                options.path("force").asBoolean(false), options.path("noprune").asBoolean(false)));
    }

    @Override
    public JsonNode listVolumes(JsonNode options) {
        return volumes.get().list(filters(options));
    }

    @Override
    public void removeVolume(String name, JsonNode options) {
        volumes.get().remove(name, flag(options, "force"));
    }

    @Override
    public JsonNode pruneVolumes(JsonNode options) {
        // as API 1.42+: anonymous volumes only, unless filters say all=true
        PruneFilters f = PruneFilters.parse(filters(options), Set.of("label", "label!", "all"));
        var report = volumeStore.get().prune(f.bool("all", false), v -> f.selects(v.createdAt(), v.labels()));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var deleted = out.putArray("VolumesDeleted");
        report.deleted().forEach(deleted::add);
        out.put("SpaceReclaimed", report.spaceReclaimed());
        return out;
    }
}
