package dev.gantry.rest.vulndb;

import dev.gantry.core.Spans;
import dev.gantry.rest.api.ErrorMappers;
import dev.gantry.vulndb.DatabaseStatus;
import dev.gantry.vulndb.ImportReport;
import dev.gantry.vulndb.ImportTooLargeException;
import dev.gantry.vulndb.VulnerabilityDatabase;
import io.opentelemetry.api.trace.Tracer;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /gantry/v1/vulndb}: the offline vulnerability database. {@code GET} shows what it holds; {@code POST}
 * imports one OSV file (JSON or an osv.dev zip archive, told apart by content) given as the body, named by
 * {@code ?name=}.
 */
@Path("/gantry/v1/vulndb")
@Produces(MediaType.APPLICATION_JSON)
public class VulnDbResource {
    private final VulnerabilityDatabase database;
    private final Tracer tracer;

    VulnDbResource(VulnerabilityDatabase database, Tracer tracer) {
        this.database = database;
        this.tracer = tracer;
    }

    public record SourceView(String Name, List<String> Ecosystems, int Advisories, Instant ImportedAt) {
    }

    public record StatusView(String Version, Instant ImportedAt, int Advisories, Map<String, Integer> Ecosystems,
                             List<SourceView> Sources) {
    }

    public record ImportView(String Source, int Advisories, int Withdrawn, List<String> Ecosystems, String Version) {
    }

    @GET
    public StatusView status() {
        DatabaseStatus s = database.status();
        return new StatusView(s.version(), s.importedAt().orElse(null), s.advisories(),
                new java.util.TreeMap<>(s.ecosystems()), s.sources().stream()
                .map(src -> new SourceView(src.name(), src.ecosystems(), src.advisories(), src.importedAt())).toList());
    }

    @POST
    public ImportView importFile(InputStream body, @QueryParam("name") @DefaultValue("upload") String name) {
        ImportReport r = Spans.child(tracer, "vulndb.import", () -> database.importFile(name, body));
        return new ImportView(r.source(), r.advisories(), r.withdrawn(), r.ecosystems(), r.version());
    }

    @ServerExceptionMapper
    public Response tooLarge(ImportTooLargeException e) {
        return ErrorMappers.error(413, e.getMessage());
    }
}
