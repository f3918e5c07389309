package dev.gantry.rest.scan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.EngineException;
import dev.gantry.core.scan.ScanResult;
import dev.gantry.core.scan.ScanService;
import dev.gantry.rest.engine.BuildInfo;
import dev.gantry.rest.scan.format.CycloneDx;
import dev.gantry.rest.scan.format.Sarif;
import dev.gantry.rest.scan.format.ScanReport;
import dev.gantry.rest.scan.format.Spdx;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /gantry/v1/images/{name}/scan?scanners=...&format=json|cyclonedx|spdx|sarif} scans (or answers the
 * cached equal scan); {@code GET} answers the last scan, 404 when there is none.
 */
@Path("/gantry/v1/images/{name: .+}/scan")
@Produces(MediaType.APPLICATION_JSON)
public class ScanResource {
    private static final List<String> FORMATS = List.of("json", "cyclonedx", "spdx", "sarif");
    private static final String VERSION = BuildInfo.load().version();
    @Inject
    Provider<ScanService> scans;

    @POST
    public ObjectNode scan(@PathParam("name") String name, @QueryParam("scanners") String scanners,
                           @QueryParam("format") String format) throws IOException {
        String f = format(format);
        List<String> asked = scanners == null || scanners.isBlank() ? List.of()
                : Arrays.stream(scanners.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        return render(scans.get().scan(name, asked), name, f);
    }

    @GET
    public ObjectNode last(@PathParam("name") String name, @QueryParam("format") String format) {
        String f = format(format);
        ScanResult r = scans.get().last(name).orElseThrow(() -> EngineException.notFound("no scan of image " + name));
        return render(r, name, f);
    }

    private static String format(String format) {
        String f = format == null || format.isBlank() ? "json" : format;
        if (!FORMATS.contains(f)) {
            throw EngineException.invalid("unknown format " + f + ": json, cyclonedx, spdx or sarif");
        }
        return f;
    }

    private static ObjectNode render(ScanResult r, String name, String format) {
        return switch (format) {
            case "cyclonedx" -> CycloneDx.write(r, name, VERSION);
            case "spdx" -> Spdx.write(r, name, VERSION);
            case "sarif" -> Sarif.write(r, name, VERSION);
            default -> ScanReport.write(r);
        };
    }
}
