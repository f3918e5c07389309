package dev.gantry.rest.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.rest.engine.BuildInfo;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /_ping}, {@code /version}, {@code /info}, {@code /system/df}: what a client asks before anything else.
 * {@code _ping} and {@code version} touch nothing that blocks, so they answer on the event loop: the hop to a
 * worker thread was most of their time (docs/benchmarks.md, profile).
 */
@Path("/")
public class SystemResource {
    private final SystemReport report;

    SystemResource(SystemReport report) {
        this.report = report;
    }

    @GET
    @NonBlocking
    @Path("_ping")
    @Produces(MediaType.TEXT_PLAIN)
    public Response ping() {
        return pingHeaders(Response.ok("OK")).build();
    }

    @HEAD
    @NonBlocking
    @Path("_ping")
    public Response pingHead() {
        return pingHeaders(Response.ok()).type("text/plain; charset=utf-8").build();
    }

    private static Response.ResponseBuilder pingHeaders(Response.ResponseBuilder r) {
        return r.header("Api-Version", BuildInfo.API_VERSION)
                .header("Builder-Version", "1")
                .header("Docker-Experimental", "false")
                .header("Ostype", "linux")
                .header("Swarm", "inactive")
                .header("Cache-Control", "no-cache, no-store, must-revalidate")
                .header("Pragma", "no-cache");
    }

    @GET
    @NonBlocking
    @Path("version")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode version() {
        return report.version();
    }

    @GET
    @Path("info")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode info() {
        return report.info();
    }

    @GET
    @Path("system/df")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode diskUsage() {
        return report.diskUsage();
    }
}
