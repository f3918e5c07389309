package dev.gantry.rest.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.container.Container;
import dev.gantry.core.container.ContainerSupervisor;
import dev.gantry.core.container.Execs;
import dev.gantry.core.container.filter.ContainerFilter;
import dev.gantry.core.container.filter.ContainerQuery;
import dev.gantry.core.container.store.CreateRequestDocument;
import dev.gantry.core.container.store.HostConfigDocument;
import dev.gantry.core.image.ImageStore;
import dev.gantry.rest.api.Filters;
import dev.gantry.rest.api.PruneFilters;
import dev.gantry.core.container.ContainerFilesystem;
import dev.gantry.core.network.Networking;
import dev.gantry.core.layer.LayerDiffer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
import java.util.Optional;

/** The Docker API for containers, except the streaming endpoints ({@link ContainerStreams}). */
@Path("/containers")
@Produces(MediaType.APPLICATION_JSON)
public class ContainersResource {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final ContainerSupervisor supervisor;
    private final Execs execs;
    private final ImageStore images;
    private final ContainerFilesystem filesystem;

    private final Networking networking;
    private final dev.gantry.rest.hooks.HookGate hooks;

    ContainersResource(ContainerSupervisor supervisor, Execs execs, ImageStore images, ContainerFilesystem filesystem,
                       Networking networking, dev.gantry.rest.hooks.HookGate hooks) {
        this.networking = networking;
        this.hooks = hooks;
        this.supervisor = supervisor;
        this.execs = execs;
        this.images = images;
        this.filesystem = filesystem;
    }

    @GET
    @Path("{id}/top")
    public ObjectNode top(@PathParam("id") String id, @QueryParam("ps_args") String psArgs) {
        var top = supervisor.top(id, psArgs);
        ObjectNode out = JSON.objectNode();
        ArrayNode titles = out.putArray("Titles");
        top.titles().forEach(titles::add);
        ArrayNode processes = out.putArray("Processes");
        top.processes().forEach(row -> row.forEach(processes.addArray()::add));
        return out;
    }

    @POST
    @Path("{id}/update")
    public ObjectNode update(@PathParam("id") String id, JsonNode body) {
        ObjectNode out = JSON.objectNode();
        ArrayNode warnings = out.putArray("Warnings");
        supervisor.update(id, HostConfigDocument.update(body == null ? JSON.objectNode() : body)).forEach(warnings::add);
        return out;
    }

    @GET
    @Path("{id}/changes")
    public ArrayNode changes(@PathParam("id") String id) throws IOException {
        ArrayNode out = JSON.arrayNode();
        for (LayerDiffer.Change c : filesystem.changes(id)) {
            out.addObject().put("Path", c.path()).put("Kind", c.kind().ordinal());
        }
        return out;
    }

    @GET
    @Path("{id}/export")
    @Produces("application/x-tar")
    public Response export(@PathParam("id") String id) {
        supervisor.store().resolve(id);
        StreamingOutput body = out -> filesystem.export(id, out);
        return Response.ok(body, "application/x-tar").build();
    }

    @GET
    @Path("{id}/archive")
    @Produces("application/x-tar")
    public Response archive(@PathParam("id") String id, @QueryParam("path") String path) throws IOException {
        String p = requirePath(path);
        ContainerFilesystem.PathStat stat = filesystem.stat(id, p);
        StreamingOutput body = out -> filesystem.archive(id, p, out);
        return Response.ok(body, "application/x-tar").header(STAT_HEADER, statHeader(stat)).build();
    }

    @HEAD
    @Path("{id}/archive")
    public Response archiveStat(@PathParam("id") String id, @QueryParam("path") String path) throws IOException {
        return Response.ok().header(STAT_HEADER, statHeader(filesystem.stat(id, requirePath(path)))).build();
    }

    @PUT
    @Path("{id}/archive")
    @Consumes({"application/x-tar", "application/octet-stream", "*/*"})
    public Response extract(@PathParam("id") String id, @QueryParam("path") String path,
                            @QueryParam("copyUIDGID") @DefaultValue("false") String copyUidGid, InputStream tar) throws IOException {
        filesystem.extract(id, requirePath(path), tar, ContainerStreams.flag(copyUidGid));
        return Response.ok().build();
    }

    private static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

    private static String requirePath(String path) {
        if (path == null || path.isEmpty()) {
            throw EngineException.invalid("path cannot be empty");
        }
        return path;
    }

    private static String statHeader(ContainerFilesystem.PathStat s) {
        ObjectNode n = JSON.objectNode().put("name", s.name()).put("size", s.size()).put("mode", s.mode())
                .put("mtime", s.mtime().toString()).put("linkTarget", s.linkTarget());
        return Base64.getEncoder().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
    }

    @POST
    @Path("create")
    public Response create(@QueryParam("name") String name, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw EngineException.invalid("config cannot be empty in order to create a container");
        }
        var req = hooks.beforeCreate(name, body);
        var created = supervisor.create(CreateRequestDocument.read(req.name(), req.body()));
        ObjectNode out = JSON.objectNode().put("Id", created.id());
        ArrayNode warnings = out.putArray("Warnings");
        created.warnings().forEach(warnings::add);
        return Response.status(201).entity(out).build();
    }

    /** On the event loop, as inspect: containers, their endpoints and the image index are all in memory. */
    @GET
    @Path("json")
    @io.smallrye.common.annotation.NonBlocking
    public ArrayNode list(@QueryParam("all") @DefaultValue("false") String all, @QueryParam("limit") @DefaultValue("-1") int limit,
                          @QueryParam("filters") String filters) {
        var f = Filters.parse(filters, ContainerQuery.KEYS);
        ContainerQuery query = ContainerQuery.of(f, ContainerStreams.flag(all), limit);
        ArrayNode out = JSON.arrayNode();
        for (Container c : new ContainerFilter(new ListFacts(supervisor.store(), images, networking))
                .apply(query, supervisor.store().list())) {
            out.add(ContainerViews.summary(c, networking));
        }
        return out;
    }

    @GET
    @Path("{id}/json")
    @io.smallrye.common.annotation.NonBlocking
    public ObjectNode inspect(@PathParam("id") String id) {
        Container c = supervisor.store().resolve(id);
        return ContainerViews.inspect(c, supervisor, execs.ofContainer(c.id()), images.storage().descriptor().name(), networking);
    }

    @POST
    @Path("{id}/start")
    public Response start(@PathParam("id") String id) {
        hooks.beforeStart(id);
        supervisor.start(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/stop")
    public Response stop(@PathParam("id") String id, @QueryParam("t") Integer t, @QueryParam("signal") String signal) {
        supervisor.stop(id, Optional.ofNullable(signal).filter(s -> !s.isEmpty()), Optional.ofNullable(t));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/restart")
    public Response restart(@PathParam("id") String id, @QueryParam("t") Integer t, @QueryParam("signal") String signal) {
        supervisor.restart(id, Optional.ofNullable(signal).filter(s -> !s.isEmpty()), Optional.ofNullable(t));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/kill")
    public Response kill(@PathParam("id") String id, @QueryParam("signal") String signal) {
        supervisor.kill(id, signal);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/pause")
    public Response pause(@PathParam("id") String id) {
        supervisor.pause(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/unpause")
    public Response unpause(@PathParam("id") String id) {
        supervisor.unpause(id);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id, @QueryParam("force") @DefaultValue("false") String force,
                           @QueryParam("v") @DefaultValue("false") String volumes,
                           @QueryParam("link") @DefaultValue("false") String link) {
        if (ContainerStreams.flag(link)) {
            // dockerd: a link is named /parent/alias; a bare name is the container's own, which cannot go
            throw EngineException.failed("Conflict, cannot remove the default link name of the container", null);
        }
        supervisor.remove(id, ContainerStreams.flag(force), ContainerStreams.flag(volumes));
        return Response.noContent().build();
    }

    /** {@code docker rm --link /parent/alias}: the parent's link goes, the containers stay. */
    @DELETE
    @Path("{parent}/{alias}")
    public Response removeLink(@PathParam("parent") String parent, @PathParam("alias") String alias,
                               @QueryParam("link") @DefaultValue("false") String link) {
        if (!ContainerStreams.flag(link)) {
            throw EngineException.notFound("page not found");
        }
        supervisor.unlink(parent, alias);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rename")
    public Response rename(@PathParam("id") String id, @QueryParam("name") String name) {
        supervisor.rename(id, name == null ? "" : name);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/resize")
    public Response resize(@PathParam("id") String id, @QueryParam("h") @DefaultValue("0") int h, @QueryParam("w") @DefaultValue("0") int w) {
        supervisor.resize(id, h, w);
        return Response.ok().build();
    }

    @POST
    @Path("{id}/exec")
    public Response exec(@PathParam("id") String id, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw EngineException.invalid("No exec command specified");
        }
        hooks.beforeExec(id, body);
        String execId = execs.create(id, ExecRequest.parse(body));
        return Response.status(201).entity(JSON.objectNode().put("Id", execId)).build();
    }

    @POST
    @Path("prune")
    public ObjectNode prune(@QueryParam("filters") String filters) {
        // read whole first: a filter that cannot be read deletes nothing
        PruneFilters f = PruneFilters.parse(filters, PruneFilters.COMMON);
        ArrayNode deleted = JSON.arrayNode();
        long reclaimed = 0;
        for (Container c : supervisor.store().list()) {
            if (c.status().alive() || !f.selects(c.created(), c.config().labelsOrEmpty())) {
                continue;
            }
            long size = writableLayerSize(c);
            try {
                supervisor.remove(c.id(), false, false);
                deleted.add(c.id());
                reclaimed += size;
            } catch (EngineException e) {
                // it started meanwhile: not prunable
            }
        }
        ObjectNode out = JSON.objectNode();
        out.set("ContainersDeleted", deleted.isEmpty() ? JSON.nullNode() : deleted);
        out.put("SpaceReclaimed", reclaimed);
        return out;
    }

    /** What removing the container frees: its writable layer, as dockerd counts it. */
    private long writableLayerSize(Container c) {
        try {
            return images.storage().usage(c.snapshot()).bytes();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
