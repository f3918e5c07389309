package dev.gantry.rest.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /version}, {@code /info}, {@code /system/df}: what a client asks before anything else ({@code /_ping} is
 * {@code PingRoute}, below RESTEasy). {@code version} touches nothing that blocks, so it answers on the event
 * loop: the hop to a worker thread was most of its time (docs/benchmarks.md, profile).
 */
@Path("/")
public class SystemResource {
    private final SystemReport report;

    SystemResource(SystemReport report) {
        this.report = report;
    }

    @GET
    @NonBlocking
    @Path("version")
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] version() {
        return report.versionBytes();
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
