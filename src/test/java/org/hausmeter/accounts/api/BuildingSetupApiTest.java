package org.hausmeter.accounts.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.support.Leftovers;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.Test;

/**
 * A building of 200 apartments set up by script through the JSON API: apartments (free-form codes with a space),
 * residents with their one-time passwords, tenancies, then a handover; errors name the field; /q/openapi describes the
 * endpoints.
 */
@QuarkusTest
class BuildingSetupApiTest {

    private static final int APARTMENTS = 200;

    private static RequestSpecification caretaker() {
        return given().auth().preemptive().basic("hauswart", "hauswart-demo").contentType(ContentType.JSON);
    }

    @Test
    void twoHundredApartmentsWithResidentsAndTenancies() {
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        List<Long> apartmentIds = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        try {
            Map<String, String> passwords = new HashMap<>();
            for (int i = 1; i <= APARTMENTS; i++) {
                String code = "Whg " + i + " " + run;
                JsonPath apt = caretaker()
                        .body(Map.of("code", code, "name", "Wohnung " + i, "floor", i % 10, "areaM2", 40 + i % 50))
                        .post("/api/apartments")
                        .then()
                        .statusCode(201)
                        .body("code", equalTo(code))
                        .extract()
                        .jsonPath();
                long id = apt.getLong("id");
                apartmentIds.add(id);
                // Registered at once, so a failure below still leaves nothing behind.
                Leftovers.afterClass(Leftovers.apartment(id));
                String username = "r" + run + "-" + i;
                JsonPath resident = caretaker()
                        .body(Map.of("username", username, "displayName", "Mieter " + i, "locale", "de"))
                        .post("/api/residents")
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath();
                accounts.add(username);
                passwords.put(username, resident.getString("password"));
                assertThat(resident.getString("password")).hasSizeGreaterThanOrEqualTo(12);
                caretaker()
                        .body(Map.of("apartment", code, "resident", username, "moveIn", "2026-01-01"))
                        .post("/api/tenancies")
                        .then()
                        .statusCode(201)
                        .body("apartmentCode", equalTo(code))
                        .body("residentUsername", equalTo(username))
                        .body("moveOut", nullValue());
            }
            // Every apartment is let, in creation order (the allocation's consumer order) by id.
            List<Map<String, Object>> listed = caretaker()
                    .get("/api/apartments")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("findAll { it.code.endsWith(' " + run + "') }");
            assertThat(listed).hasSize(APARTMENTS);
            assertThat(listed).allSatisfy(a -> assertThat(a.get("current")).isNotNull());
            // The first resident's one-time password logs in.
            assertThat(WebSession.canLogIn("r" + run + "-1", passwords.get("r" + run + "-1")))
                    .isTrue();

            // A handover on 1 June 2026 in "Whg 7 …": the first tenancy ends, a new resident's begins.
            String code7 = "Whg 7 " + run;
            caretaker()
                    .body(Map.of("username", "r" + run + "-new", "displayName", "Neue Mieterin"))
                    .post("/api/residents")
                    .then()
                    .statusCode(201);
            accounts.add("r" + run + "-new");
            caretaker()
                    .body(Map.of("day", "2026-06-01", "resident", "r" + run + "-new"))
                    .post("/api/apartments/{code}/handover", code7)
                    .then()
                    .statusCode(200)
                    .body("ended.residentUsername", equalTo("r" + run + "-7"))
                    .body("ended.moveOut", equalTo("2026-05-31T22:00:00Z"))
                    .body("started.residentUsername", equalTo("r" + run + "-new"))
                    .body("started.moveIn", equalTo("2026-05-31T22:00:00Z"));
            caretaker()
                    .get("/api/apartments/{code}/tenancies", code7)
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(2));

            // Errors are JSON naming the field.
            caretaker()
                    .body(Map.of("code", "Whg 1/2", "name", "x"))
                    .post("/api/apartments")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("code"))
                    .body("error", containsString("slash"));
            caretaker()
                    .body(Map.of("code", "Whg 1 " + run, "name", "again"))
                    .post("/api/apartments")
                    .then()
                    .statusCode(409)
                    .body("field", equalTo("code"));
            caretaker()
                    .body(Map.of("username", "r" + run + "-1", "displayName", "Twice"))
                    .post("/api/residents")
                    .then()
                    .statusCode(409)
                    .body("field", equalTo("username"));
            caretaker()
                    .body(Map.of("username", "X Y", "displayName", "Bad"))
                    .post("/api/residents")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("username"));
            caretaker()
                    .body(Map.of("apartment", "Whg 2 " + run, "resident", "r" + run + "-3", "moveIn", "2026-03-01"))
                    .post("/api/tenancies")
                    .then()
                    .statusCode(409)
                    .body("field", equalTo("apartment"))
                    .body("error", containsString("record a handover instead"));
            caretaker()
                    .body(Map.of("apartment", "Whg 2 " + run, "resident", "nobody-" + run, "moveIn", "2027-03-01"))
                    .post("/api/tenancies")
                    .then()
                    .statusCode(404)
                    .body("field", equalTo("resident"));
            caretaker()
                    .body(Map.of("apartment", "Whg 2 " + run, "resident", "r" + run + "-3"))
                    .post("/api/tenancies")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("moveIn"));
            caretaker()
                    .body(Map.of("day", "2026-07-01", "importWh", 1000))
                    .post("/api/apartments/{code}/handover", "Whg 3 " + run)
                    .then()
                    .statusCode(409)
                    .body("error", containsString("0 apartment meters"));
            caretaker()
                    .body(Map.of("resident", "r" + run + "-3"))
                    .post("/api/apartments/{code}/handover", "Whg 3 " + run)
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("day"));
            // Only the caretaker.
            given().contentType(ContentType.JSON)
                    .body(Map.of("code", "Whg x", "name", "x"))
                    .post("/api/apartments")
                    .then()
                    .statusCode(401);
        } finally {
            for (String a : accounts) {
                Leftovers.afterClass(List.of("DELETE FROM account WHERE username = '" + a + "'"));
            }
        }
        assertThat(apartmentIds).hasSize(APARTMENTS);
    }

    @Test
    void openApiDescribesTheSetupEndpoints() {
        String doc = given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .accept("application/yaml")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(doc)
                .contains("/api/apartments:")
                .contains("/api/residents:")
                .contains("/api/tenancies:")
                .contains("/api/apartments/{code}/handover:")
                .contains("/api/meters/{meter}/calibration:")
                .contains("/api/calibration/due:")
                .contains("Create a resident (201) with a one-time password")
                .contains("FieldError");
    }
}
