package dev.gantry.rest.plugins;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;

import dev.gantry.rest.TempRoots;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TempRoots.class, restrictToAnnotatedClass = true)
class GantryApiTest {

    @Test
    void pluginsAreListedWithAvailabilityAndSelection() {
        given().get("/gantry/v1/plugins").then().statusCode(200)
                .body("find { it.Name == 'vfs' }.Kind", equalTo("Storage"))
                .body("find { it.Name == 'overlay' }.Selected", equalTo(true))
                .body("find { it.Name == 'vfs' }.Selected", equalTo(false))
                .body("find { it.Name == 'runc' }.Available", equalTo(true))
                .body("find { it.Name == 'runc' }.Detail", containsString("runc version"))
                .body("find { it.Name == 'crun' }.Kind", equalTo("Runtime"))
                .body("Name", hasItem("none"));
    }

    @Test
    void unavailablePluginsSayWhy() {
        given().get("/gantry/v1/plugins").then().statusCode(200)
                .body("findAll { !it.Available }.Reason", not(hasItem(emptyString())))
                .body("findAll { !it.Available }.Selected", not(hasItem(true)));
    }

    @Test
    void anIncomingTraceparentIsContinued() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").get("/v1.51/version").then().statusCode(200);
        given().get("/gantry/v1/traces").then().statusCode(200).body("TraceId", hasItem(traceId));
        given().get("/gantry/v1/traces/" + traceId).then().statusCode(200)
                .body("Spans[0].ParentSpanId", equalTo("00f067aa0ba902b7"))
                .body("Spans[0].RemoteParent", equalTo(true))
                .body("Spans[0].Kind", equalTo("SERVER"))
                .body("Spans[0].Attributes.'url.path'", equalTo("/v1.51/version"));
        given().get("/gantry/v1/traces/00000000000000000000000000000001").then().statusCode(404)
                .body("message", containsString("not found"));
    }

    @Test
    void prometheusShowsHttpServerTimers() {
        given().get("/version").then().statusCode(200);
        given().get("/_ping").then().statusCode(200);
        given().get("/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/version\""))
                // pings are counted, not timed (PingRoute)
                .body(not(containsString("uri=\"/_ping\"")))
                .body(containsString("gantry_ping_requests_total"));
    }

    @Test
    void healthIsUp() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
