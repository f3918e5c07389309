package dev.gantry.rest.trace;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.gantry.rest.TempRoots;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The dashboard's own requests (User-Agent gantry-dashboard/...) stay out of /gantry/v1/traces; others stay in. */
@QuarkusTest
@QuarkusTestResource(value = TempRoots.class, restrictToAnnotatedClass = true)
class DashboardTracesTest {

    @Test
    void theDashboardsRequestsAreLeftOut() {
        String own = "5bf92f3577b34da6a3ce929d0e0e4736";
        String other = "6bf92f3577b34da6a3ce929d0e0e4736";
        given().header("traceparent", "00-" + own + "-00f067aa0ba902b7-01")
                .header("User-Agent", "gantry-dashboard/1").get("/v1.51/containers/json").then().statusCode(200);
        given().header("traceparent", "00-" + other + "-00f067aa0ba902b7-01")
                .header("User-Agent", "curl/8").get("/v1.51/containers/json").then().statusCode(200);
        given().get("/gantry/v1/traces").then().statusCode(200)
                .body("TraceId", hasItem(other))
                .body("TraceId", not(hasItem(own)));
        given().get("/gantry/v1/traces/" + own).then().statusCode(404);
    }
}
