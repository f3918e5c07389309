package dev.gantry.rest.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.gantry.rest.TempRoots;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TempRoots.class, restrictToAnnotatedClass = true)
class SystemApiTest {

    @Test
    void pingAnswersWithDockersHeaders() {
        given().get("/_ping").then().statusCode(200).body(equalTo("OK"))
                .header("Api-Version", "1.51").header("Ostype", "linux")
                .header("Builder-Version", "1").header("Docker-Experimental", "false");
        given().head("/_ping").then().statusCode(200).header("Api-Version", "1.51");
        given().head("/v1.24/_ping").then().statusCode(200).header("Api-Version", "1.51")
                .header("Content-Length", "0");
        given().get("/v1.41/_ping").then().statusCode(200).body(equalTo("OK"))
                .header("Content-Type", startsWith("text/plain")).header("Cache-Control", containsString("no-cache"));
        // the ping route sits behind the version check, as every other route
        given().get("/v1.99/_ping").then().statusCode(400).body("message", containsString("1.99"));
    }

    @Test
    void versionIsTheSameBytesEveryTimeAndPerApiVersion() {
        String first = given().get("/version").then().statusCode(200).contentType(containsString("json"))
                .extract().asString();
        given().get("/v1.41/version").then().statusCode(200).body(equalTo(first));
    }

    @Test
    void versionNamesGantryAndItsApiRange() {
        given().get("/version").then().statusCode(200)
                .body("ApiVersion", equalTo("1.51")).body("MinAPIVersion", equalTo("1.24"))
                .body("Os", equalTo("linux"))
                .body("Components.Name", hasItem("Gantry"))
                .body("Components.find { it.Name == 'Gantry' }.Details.ApiVersion", equalTo("1.51"));
    }

    @Test
    void versionIsTheDockerReleaseOfTheApiAndGantryKeepsItsOwn() {
        // clients compare Version (Testcontainers wants at least 1.6.0): it is the Docker Engine release of API 1.51
        given().get("/version").then().statusCode(200)
                .body("Version", equalTo("28.3.3"))
                .body("Platform.Name", startsWith("Gantry "))
                .body("Components.find { it.Name == 'Gantry' }.Version", not(equalTo("28.3.3")));
        given().get("/info").then().statusCode(200).body("ServerVersion", equalTo("28.3.3"));
    }

    @Test
    void versionIsBuiltOnceAndServedWholeEachTime() {
        String first = given().get("/version").then().statusCode(200).contentType("application/json").extract().asString();
        String second = given().get("/v1.41/version").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(first, second);
    }

    @Test
    void everyServedVersionPrefixReachesTheSameResource() {
        for (String v : new String[] {"1.24", "1.41", "1.50", "1.51"}) {
            given().get("/v" + v + "/version").then().statusCode(200).body("ApiVersion", equalTo("1.51"));
        }
    }

    @Test
    void unservedVersionsAreRefusedAsDockerRefusesThem() {
        given().get("/v1.52/version").then().statusCode(400)
                .body("message", equalTo("client version 1.52 is too new. Maximum supported API version is 1.51"));
        given().get("/v1.12/version").then().statusCode(400)
                .body("message", containsString("client version 1.12 is too old. Minimum supported API version is 1.24"));
    }

    @Test
    void unknownPathsAreDocker404s() {
        given().get("/v1.51/nope").then().statusCode(404).contentType("application/json")
                .body("message", equalTo("page not found"));
        given().get("/nope/deeper").then().statusCode(404).body("message", equalTo("page not found"));
        given().post("/containers/zzz/frobnicate").then().statusCode(404).body("message", notNullValue());
    }

    @Test
    void malformedBodiesAreDocker400s() {
        given().contentType("application/json").body("{not json").post("/v1.51/auth").then().statusCode(400)
                .contentType("application/json").body("message", notNullValue());
        given().contentType("application/json").body("[1]").post("/v1.51/auth").then().statusCode(400)
                .body("message", containsString("expected a JSON object"));
        given().queryParam("filters", "{bad").get("/v1.51/images/json").then().statusCode(400)
                .body("message", containsString("invalid filter"));
    }

    @Test
    void infoReportsStorageRuntimesAndHost() {
        given().get("/v1.51/info").then().statusCode(200)
                .body("Driver", equalTo("overlay"))
                .body("Runtimes", hasKey("runc"))
                .body("Runtimes", hasKey("crun"))
                .body("DefaultRuntime", equalTo("runc"))
                .body("Plugins.Network", hasItem("none"))
                .body("NCPU", greaterThan(0))
                .body("CgroupDriver", equalTo("cgroupfs"))
                .body("OSType", equalTo("linux"))
                .body("Labels", hasItem(containsString("dev.gantry.plugin.storage.overlay=")))
                .body("SecurityOptions", notNullValue())
                .body("Swarm.LocalNodeState", equalTo("inactive"));
    }

    @Test
    void diskUsageHasDockersShape() {
        given().get("/system/df").then().statusCode(200)
                .body("LayersSize", equalTo(0)).body("Images.size()", equalTo(0))
                .body("Containers.size()", equalTo(0)).body("Volumes.size()", equalTo(0))
                .body("BuildCache.size()", equalTo(0));
    }
}
