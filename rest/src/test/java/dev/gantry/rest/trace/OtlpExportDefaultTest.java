package dev.gantry.rest.trace;

import static io.restassured.RestAssured.given;

import dev.gantry.rest.TempRoots;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With no OTLP endpoint (nothing leaves the process: OtlpExportIT), spans are still kept for the traces endpoint. */
@QuarkusTest
@QuarkusTestResource(value = TempRoots.class, restrictToAnnotatedClass = true)
class OtlpExportDefaultTest {
    @Test
    void spansAreStillKeptForTheTracesEndpoint() {
        given().get("/version").then().statusCode(200);
        given().get("/gantry/v1/traces").then().statusCode(200)
                .body("Name", org.hamcrest.Matchers.hasItem("GET /version"));
    }
}
