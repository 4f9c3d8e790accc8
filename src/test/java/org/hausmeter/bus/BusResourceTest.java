package org.hausmeter.bus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BusResourceTest {

    @Test
    void busHealth_isForTheCaretakerOnly() {
        given().when().get("/api/buses").then().statusCode(401);
        given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .when()
                .get("/api/buses")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic("hauswart", "wrong-password")
                .when()
                .get("/api/buses")
                .then()
                .statusCode(401);
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .when()
                .get("/api/buses")
                .then()
                .statusCode(200)
                .body("bus", hasItems("rtu0", "rtu1", "pv-gw", "garage"))
                .body("find { it.bus == 'rtu0' }.meters.meter", hasItems("apt-0.1", "grid"));
    }

    @Test
    void scan_findsTheUnitsOfABus_andSaysWhatTheyLookLike() {
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .when()
                .post("/api/buses/rtu1/scan?from=1&to=8")
                .then()
                .statusCode(200)
                .body("$", hasSize(6))
                .body("unitId", hasItems(1, 2, 3, 4, 5, 6))
                .body("[0].guess", containsString("Eastron"));
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .when()
                .post("/api/buses/pv-gw/scan?from=1&to=1")
                .then()
                .statusCode(200)
                .body("[0].guess", equalTo("SunSpec device (model: sunspec)"));
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .when()
                .post("/api/buses/nope/scan")
                .then()
                .statusCode(404);
        given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .when()
                .post("/api/buses/rtu1/scan")
                .then()
                .statusCode(403);
    }
}
