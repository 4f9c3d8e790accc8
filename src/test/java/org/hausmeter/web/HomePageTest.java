package org.hausmeter.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HomePageTest {

    @Test
    void startPage_showsTheBuildingWithAnonymousFiguresOnly() {
        given().header("Accept-Language", "en")
                .when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("Lindenhof"))
                .body(matchesPattern("(?s).*<dt>Apartments</dt><dd>\\d+</dd>.*"))
                .body(containsString("Europe/Berlin"))
                .body(not(containsString("Anna Berger")));
    }

    @Test
    void startPage_isGermanByDefault() {
        given().when()
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("<html lang=\"de\">"))
                .body(matchesPattern("(?s).*<dt>Wohnungen</dt><dd>\\d+</dd>.*"))
                .body(containsString(">Anmelden</a>"));
    }

    @Test
    void stylesheet_isServedByTheServerItself() {
        given().when().get("/css/hausmeter.css").then().statusCode(200).body(containsString("system-ui"));
    }
}
