package dev.gantry.rest.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TempRoots.class, restrictToAnnotatedClass = true)
class EventsApiTest {

    private static List<JsonPath> events(String filters) {
        var request = given().queryParam("since", "0").queryParam("until", now());
        if (filters != null) {
            request = request.queryParam("filters", filters);
        }
        String body = request.get("/v1.51/events").then().statusCode(200)
                .contentType("application/json").extract().asString();
        return body.lines().filter(l -> !l.isBlank()).map(JsonPath::new).toList();
    }

    private static String now() {
        return Long.toString(System.currentTimeMillis() / 1000 + 1);
    }

    @Test
    void replaysWhatHappenedBetweenSinceAndUntil() {
        List<JsonPath> all = events(null);
        assertTrue(all.stream().anyMatch(e -> e.getString("Type").equals("plugin")
                && e.getString("Action").equals("enable") && e.getString("Actor.ID").equals("vfs")), all.toString());
        JsonPath first = all.get(0);
        assertEquals("local", first.getString("scope"));
        assertTrue(first.getLong("timeNano") / 1_000_000_000L == first.getLong("time"));
    }

    @Test
    void filtersInBothForms() {
        String arrays = "{\"type\":[\"plugin\"],\"plugin\":[\"runc\"]}";
        List<JsonPath> runc = events(arrays);
        assertEquals(1, runc.size(), runc.toString());
        assertEquals("runc", runc.get(0).getString("Actor.Attributes.name"));
        String maps = "{\"type\":{\"container\":true}}";
        assertEquals(0, events(maps).size());
    }

    @Test
    void badParametersAreDocker400s() {
        given().get("/events?since=yesterday").then().statusCode(400).body("message", containsString("invalid timestamp"));
        given().queryParam("filters", "{\"colour\":[\"red\"]}").get("/events").then().statusCode(400)
                .body("message", equalTo("invalid filter 'colour'"));
        given().queryParam("filters", "[1").get("/events").then().statusCode(400).body("message", containsString("invalid filter"));
    }
}
