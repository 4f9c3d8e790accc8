package org.hausmeter.charging.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * The charging API's account handling over HTTP (who is asking comes from {@code web.CurrentAccount}, account
 * lookups happen in {@code CardService}). Default test profile: the NFC readers are off, so no PC/SC is needed.
 */
@QuarkusTest
class ChargingApiAccountsTest {

    private static RequestSpecification caretaker() {
        return given().auth().preemptive().basic("hauswart", "hauswart-demo");
    }

    private static RequestSpecification anna() {
        return given().auth().preemptive().basic("anna", "anna-demo");
    }

    @Test
    void caretakerFiltersByResident_anUnknownOneIsNotFound() {
        caretaker()
                .get("/api/cards?resident=anna")
                .then()
                .statusCode(200)
                .body("residentUsername", everyItem(equalTo("anna")));
        caretaker()
                .get("/api/cards?resident=nobody-here")
                .then()
                .statusCode(404)
                .body("error", containsString("No account [nobody-here]"));
        caretaker().get("/api/chargers/sessions?resident=anna").then().statusCode(200);
        caretaker()
                .get("/api/chargers/sessions?resident=nobody-here")
                .then()
                .statusCode(404)
                .body("error", containsString("No account [nobody-here]"));
    }

    @Test
    void aResidentSeesOnlyOwnSessionsAndCards() {
        anna().get("/api/me/charging-sessions").then().statusCode(200);
        anna().get("/api/me/charging-sessions/cards")
                .then()
                .statusCode(200)
                .body("residentUsername", everyItem(equalTo("anna")));
        anna().get("/api/cards").then().statusCode(403);
        caretaker().get("/api/me/charging-sessions").then().statusCode(403);
    }

    @Test
    void anEnrollmentIsStartedAndCancelledByTheLoggedInCaretaker() {
        caretaker()
                .contentType("application/json")
                .body("{\"resident\":\"anna\",\"label\":\"api test\"}")
                .post("/api/cards/enrollment")
                .then()
                .statusCode(200)
                .body("residentUsername", equalTo("anna"))
                .body("startedBy", equalTo("hauswart"));
        caretaker().delete("/api/cards/enrollment").then().statusCode(204);
        caretaker().get("/api/cards/enrollment").then().statusCode(204);
    }
}
