package dev.gantry.rest.trace;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without an OTLP endpoint no span leaves the process (OtlpExportIT covers the configured case), yet traces are kept. */
@QuarkusTest
@QuarkusTestResource(value = TempRoots.class, restrictToAnnotatedClass = true)
class OtlpExportDefaultTest {
    @Inject
    @Any
    Instance<SpanExporter> exporters;

    @Test
    void withoutAnEndpointTheExporterIsTheNoOpOne() {
        List<SpanExporter> all = exporters.stream().toList();
        assertTrue(!all.isEmpty(), "Quarkus registers its OTLP span exporter bean");
        for (SpanExporter e : all) {
            assertEquals(SpanExporter.composite().getClass(), e.getClass(), "exporter " + e);
        }
    }

    @Test
    void spansAreStillKeptForTheTracesEndpoint() {
        given().get("/version").then().statusCode(200);
        given().get("/gantry/v1/traces").then().statusCode(200)
                .body("Name", org.hamcrest.Matchers.hasItem("GET /version"));
    }
}
