package org.hausmeter.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Small hardening over HTTP: caching of personal data, malformed input, login CSRF, operator endpoints. */
@QuarkusTest
class HardeningTest {

    @Test
    void personalResponses_areNotStored_staticAssetsAndTheKioskKeepTheirCaching() {
        WebSession anna = WebSession.login("anna", "anna-demo");
        WebSession caretaker = WebSession.caretaker();
        for (String url : new String[] { "/me", "/me/account", "/" }) {
            Response r = anna.cookies().get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            assertThat(r.header("Cache-Control")).as(url).isEqualTo("no-store");
        }
        for (String url : new String[] { "/caretaker", "/caretaker/billing?month=2026-05", "/api/billing/2026-05/bills",
                "/api/billing/2026-05/bills.zip", "/api/billing/bills/999999999/pdf" }) {
            Response r = caretaker.cookies().get(url);
            assertThat(r.statusCode()).as(url).isIn(200, 404);
            assertThat(r.header("Cache-Control")).as(url).isEqualTo("no-store");
        }
        Response api = given().auth().preemptive().basic("anna", "anna-demo").get("/api/me/apartments");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.header("Cache-Control")).isEqualTo("no-store");
        // Refusals too: a neighbour's 403 and an anonymous 401 carry nothing worth caching either.
        assertThat(given().redirects().follow(false).get("/api/me/apartments").header("Cache-Control")).isEqualTo("no-store");
        // Static assets and the kiosk: not touched, even for a logged-in browser.
        for (String url : new String[] { "/css/hausmeter.css", "/js/hausmeter.js", "/kiosk" }) {
            Response r = anna.cookies().get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            assertThat(r.header("Cache-Control")).as(url).isNotEqualTo("no-store");
        }
    }
}
