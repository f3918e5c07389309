package dev.gantry.rest.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.volume.Volume;
import dev.gantry.core.volume.VolumeStore;
import dev.gantry.rest.api.ApiRoutes;
import dev.gantry.rest.api.ApiVersion;
import dev.gantry.rest.api.Filters;
import dev.gantry.rest.api.PruneFilters;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The Docker API for volumes: list, create, inspect, remove, prune. */
@Path("/volumes")
@Produces(MediaType.APPLICATION_JSON)
public class VolumesResource {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final VolumeStore volumes;

    VolumesResource(VolumeStore volumes) {
        this.volumes = volumes;
    }

    /** On the event loop: volumes and their users are all in memory, nothing under it blocks. */
    @GET
    @io.smallrye.common.annotation.NonBlocking
    public ObjectNode list(@QueryParam("filters") String filters) {
        var f = Filters.parse(filters, Set.of("dangling", "name", "label", "driver"));
        ObjectNode out = JSON.objectNode();
        ArrayNode list = out.putArray("Volumes");
        for (Volume v : volumes.list()) {
            if (f.containsKey("dangling")) {
                if (Filters.bool(f, "dangling", false) != volumes.users(v.name()).isEmpty()) {
                    continue;
                }
            }
            if (f.containsKey("name") && f.get("name").stream().noneMatch(n -> v.name().contains(n))) {
                continue;
            }
            if (f.containsKey("driver") && !f.get("driver").contains(v.driver())) {
                continue;
            }
            if (f.containsKey("label") && !VolumeStore.labelsMatch(v, labels(f.get("label")))) {
                continue;
            }
            list.add(json(v));
        }
        out.putArray("Warnings");
        return out;
    }

    @POST
    @Path("create")
    public Response create(JsonNode body) {
        JsonNode b = body == null ? JSON.objectNode() : body;
        Volume v = volumes.create(Optional.ofNullable(b.path("Name").asText(null)), b.path("Driver").asText("local"),
                dev.gantry.rest.api.JsonMaps.strings(b.path("Labels")), dev.gantry.rest.api.JsonMaps.strings(b.path("DriverOpts")));
        return Response.status(201).entity(json(v)).build();
    }

    @GET
    @Path("{name}")
    public ObjectNode inspect(@PathParam("name") String name) {
        return json(volumes.get(name));
    }

    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name, @QueryParam("force") @DefaultValue("false") String force) {
        volumes.remove(name, force.equals("1") || force.equalsIgnoreCase("true"));
        return Response.noContent().build();
    }

    @POST
    @Path("prune")
    public ObjectNode prune(@QueryParam("filters") String filters, @Context RoutingContext rc) {
        // read whole first: a filter that cannot be read deletes nothing
        PruneFilters f = PruneFilters.parse(filters, Set.of("label", "label!", "all"));
        // before API 1.42 a prune took named volumes too, and dockerd keeps that for old clients
        ApiVersion asked = rc.get(ApiRoutes.VERSION_KEY);
        boolean all = f.bool("all", asked != null && asked.compareTo(ApiVersion.parse("1.42")) < 0);
        var report = volumes.prune(all, v -> f.selects(v.createdAt(), v.labels()));
        ObjectNode out = JSON.objectNode();
        ArrayNode deleted = out.putArray("VolumesDeleted");
        report.deleted().forEach(deleted::add);
        out.put("SpaceReclaimed", report.spaceReclaimed());
        return out;
    }

    private static Map<String, String> labels(Set<String> filters) {
        Map<String, String> m = new HashMap<>();
        for (String l : filters) {
            int eq = l.indexOf('=');
            m.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
        }
        return m;
    }

    public static ObjectNode json(Volume v) {
        ObjectNode n = JSON.objectNode();
        n.put("CreatedAt", DateTimeFormatter.ISO_INSTANT.format(v.createdAt()));
        n.put("Driver", v.driver());
        ObjectNode labels = n.putObject("Labels");
        v.labels().forEach(labels::put);
        n.put("Mountpoint", v.mountpoint());
        n.put("Name", v.name());
        ObjectNode options = n.putObject("Options");
        v.options().forEach(options::put);
        n.put("Scope", "local");
        return n;
    }
}
