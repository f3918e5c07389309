package dev.gantry.rest.containers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.container.Execs;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /exec/{id}/json} and {@code POST /exec/{id}/resize}; start is a hijack in {@link ContainerStreams}. */
@Path("/exec")
@Produces(MediaType.APPLICATION_JSON)
public class ExecResource {
    private final Execs execs;

    ExecResource(Execs execs) {
        this.execs = execs;
    }

    @GET
    @Path("{id}/json")
    public ObjectNode inspect(@PathParam("id") String id) {
        Execs.Exec e = execs.get(id);
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("ID", e.id);
        n.put("Running", e.running);
        if (e.exitCode == null) {
            n.putNull("ExitCode");
        } else {
            n.put("ExitCode", e.exitCode);
        }
        ObjectNode pc = n.putObject("ProcessConfig");
        pc.put("tty", e.tty());
        pc.put("entrypoint", e.cmd().isEmpty() ? "" : e.cmd().getFirst());
        var args = pc.putArray("arguments");
        e.cmd().stream().skip(1).forEach(args::add);
        pc.put("privileged", e.config.privileged());
        pc.put("user", e.config.user());
        n.put("OpenStdin", e.config.attachStdin());
        n.put("OpenStderr", e.config.attachStderr());
        n.put("OpenStdout", e.config.attachStdout());
        n.put("CanRemove", false);
        n.put("ContainerID", e.containerId);
        // dockerd keeps the keys as bytes, which Go's JSON writes in base64
        String keys = e.config.detachKeys();
        n.put("DetachKeys", keys.isEmpty() ? "" : java.util.Base64.getEncoder().encodeToString(DetachKeys.parse(keys)));
        n.put("Pid", e.pid);
        return n;
    }

    @POST
    @Path("{id}/resize")
    public Response resize(@PathParam("id") String id, @QueryParam("h") @DefaultValue("0") int h, @QueryParam("w") @DefaultValue("0") int w) {
        execs.resize(id, h, w);
        return Response.ok().build();
    }
}
