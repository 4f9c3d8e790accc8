package org.hausmeter.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class HomePageTest {

    private static final String REDIRECT_COOKIE = "quarkus-redirect-location";

    @Test
    void startPage_showsPvNowAndTheWaysIn_withoutCountsZoneOrServerLinks() {
        given().header("Accept-Language", "en")
                .when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(matchesPattern("(?s).*<h1>[^<]*Lindenhof[^<]*</h1>.*"))
                .body(containsString("<dt>PV now</dt><dd id=\"pv\">"))
                .body(containsString("<a class=\"button\" href=\"/login\">Log in</a>"))
                .body(containsString("<a href=\"/kiosk\">PV now (wall display)</a>"))
                .body(not(containsString("Apartments")))
                .body(not(containsString("Europe/Berlin")))
                .body(not(containsString("/q/health")))
                .body(not(containsString("/q/metrics")))
                .body(not(containsString("Anna Berger")));
    }

    @Test
    void startPage_isGermanByDefault() {
        given().when()
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("<html lang=\"de\">"))
                .body(containsString("<dt>PV jetzt</dt>"))
                .body(containsString(">Anmelden</a>"));
    }

    @Test
    void startPage_ofALoggedInCaretaker_linksToTheCaretakersPages_notToTheLogin() {
        WebSession s = WebSession.caretaker();
        String page = s.cookies().get("/").then().statusCode(200).extract().asString();
        assertThat(page).contains("<a class=\"button\" href=\"/caretaker\">");
        assertThat(page).doesNotContain("href=\"/login\"");
    }

    @Test
    void login_withoutAPageAskedFor_landsTheCaretakerOnCaretaker_andAResidentOnMe() {
        assertThat(landing("hauswart", "hauswart-demo")).isEqualTo("/caretaker");
        assertThat(landing("anna", "anna-demo")).isEqualTo("/me");
    }

    @Test
    void login_triggeredByAProtectedPage_returnsToThatPage() {
        Response asked = given().redirects().follow(false).get("/me/bills");
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(asked.header("Location")).endsWith("/login");
        String target = asked.cookie(REDIRECT_COOKIE);
        assertThat(target).as("the page asked for, kept for after the login").isNotBlank();

        Response login = given().redirects()
                .follow(false)
                .cookie(REDIRECT_COOKIE, target)
                .formParam("j_username", "anna")
                .formParam("j_password", "anna-demo")
                .post("/j_security_check");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(URI.create(login.header("Location")).getPath()).isEqualTo("/me/bills");
    }

    @Test
    void welcome_withoutALogin_asksForOne() {
        Response r = given().redirects().follow(false).get("/welcome");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.header("Location")).endsWith("/login");
    }

    @ParameterizedTest
    @ValueSource(strings = {"de;q=abc", "en;q=", "en-GB;q=0.8;;q=x", ";q=1,,", "en;q=2", "\u00e9n"})
    void aMalformedAcceptLanguage_fallsBackToGerman_onEveryPage(String header) {
        for (String path : new String[] {"/", "/login", "/kiosk"}) {
            given().header("Accept-Language", header)
                    .when()
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body(containsString("<html lang=\"de\">"));
        }
    }

    @Test
    void aHeaderWithOneBadEntry_keepsItsGoodOnes() {
        given().header("Accept-Language", "fr;q=x, en-GB;q=0.8")
                .when()
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("<html lang=\"en\">"));
    }

    @Test
    void aWellFormedAcceptLanguage_stillChoosesEnglish() {
        given().header("Accept-Language", "fr;q=0.9, en-GB;q=0.8")
                .when()
                .get("/login")
                .then()
                .statusCode(200)
                .body(containsString("<html lang=\"en\">"));
    }

    @Test
    void stylesheet_isServedByTheServerItself() {
        given().when().get("/css/hausmeter.css").then().statusCode(200).body(containsString("system-ui"));
    }

    /** Logs in through the form with no page asked for before and follows the landing page once. */
    private static String landing(String username, String password) {
        Response login = given().redirects()
                .follow(false)
                .formParam("j_username", username)
                .formParam("j_password", password)
                .post("/j_security_check");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(URI.create(login.header("Location")).getPath()).isEqualTo("/welcome");
        Response welcome = given().redirects()
                .follow(false)
                .cookie(WebSession.SESSION, login.cookie(WebSession.SESSION))
                .cookie(WebSession.SID, login.cookie(WebSession.SID))
                .get("/welcome");
        assertThat(welcome.statusCode()).isEqualTo(303);
        return URI.create(welcome.header("Location")).getPath();
    }
}
