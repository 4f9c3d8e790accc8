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
        for (String url : new String[] {"/me", "/me/account", "/"}) {
            Response r = anna.cookies().get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            assertThat(r.header("Cache-Control")).as(url).isEqualTo("no-store");
        }
        for (String url : new String[] {
            "/caretaker",
            "/caretaker/billing?month=2026-05",
            "/api/billing/2026-05/bills",
            "/api/billing/2026-05/bills.zip",
            "/api/billing/bills/999999999/pdf"
        }) {
            Response r = caretaker.cookies().get(url);
            assertThat(r.statusCode()).as(url).isIn(200, 404);
            assertThat(r.header("Cache-Control")).as(url).isEqualTo("no-store");
        }
        Response api = given().auth().preemptive().basic("anna", "anna-demo").get("/api/me/apartments");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.header("Cache-Control")).isEqualTo("no-store");
        // Refusals too: a neighbour's 403 and an anonymous 401 carry nothing worth caching either.
        assertThat(given().redirects().follow(false).get("/api/me/apartments").header("Cache-Control"))
                .isEqualTo("no-store");
        // Static assets and the kiosk: not touched, even for a logged-in browser.
        for (String url : new String[] {"/css/hausmeter.css", "/js/hausmeter.js", "/kiosk"}) {
            Response r = anna.cookies().get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            assertThat(r.header("Cache-Control")).as(url).isNotEqualTo("no-store");
        }
    }

    @Test
    void aNulByteInThePathOrQuery_isABadRequest_notAServerError() {
        WebSession anna = WebSession.login("anna", "anna-demo");
        for (String url : new String[] {
            "/me/%00", "/me?period=%00", "/kiosk?x=%00", "/login?error=%00", "/css/%00.css", "/caretaker/meters/%00"
        }) {
            Response r = anna.cookies().urlEncodingEnabled(false).get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(400);
        }
        Response api = given().urlEncodingEnabled(false)
                .auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .get("/api/me/apartments/A-0.1%00");
        assertThat(api.statusCode()).isEqualTo(400);
        // RestAssured cannot send a broken escape; the check itself:
        assertThat(org.hausmeter.web.security.MalformedRequests.malformed("/me?period=%zz"))
                .isTrue();
        assertThat(org.hausmeter.web.security.MalformedRequests.malformed("/me/bills/%0"))
                .isTrue();
        assertThat(org.hausmeter.web.security.MalformedRequests.malformed("/me?q=%2500&x=%C3%BC"))
                .isFalse();
        // An ordinary escape still works.
        assertThat(anna.cookies().urlEncodingEnabled(false).get("/login?x=%41").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aNulByteInAFormFieldOrAJsonString_isABadRequest_andNothingIsStored() {
        WebSession caretaker = WebSession.caretaker();
        String name = "nul-" + System.nanoTime() % 100_000;
        Response form = caretaker
                .form()
                .formParam("username", name)
                .formParam("displayName", "Nul\u0000Byte")
                .formParam("locale", "de")
                .post("/caretaker/residents");
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.asString()).contains("NUL");
        caretaker.cookies().get("/caretaker/residents/" + name).then().statusCode(404);
        Response json = given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .contentType("application/json")
                .body("{\"uid\":\"04AABBCCDD\",\"resident\":\"anna\",\"label\":\"x\\u0000y\"}")
                .post("/api/cards");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.asString()).contains("NUL");
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .get("/api/cards?resident=anna")
                .then()
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("04AABBCCDD")));
    }

    @Test
    void languageSwitch_returnsOnlyToAPathOnThisServer_neverA500() {
        WebSession anna = WebSession.login("anna", "anna-demo");
        for (String back : new String[] {
            "http://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/a b",
            "/\u00fc",
            "/%zz",
            "/me%00",
            "javascript:alert(1)",
            "",
            "/me\r\nSet-Cookie: x=1"
        }) {
            Response r =
                    anna.form().formParam("lang", "de").formParam("back", back).post("/lang");
            assertThat(r.statusCode()).as(back).isEqualTo(303);
            java.net.URI location = java.net.URI.create(r.header("Location"));
            assertThat(location.getRawPath()).as(back).isEqualTo("/");
            assertThat(location.getHost()).as(back).isIn(null, "localhost", "127.0.0.1");
        }
        // A NUL character in the field is refused before the resource, like in any form (NulBytes).
        assertThat(anna.form()
                        .formParam("lang", "de")
                        .formParam("back", "/x\u0000")
                        .post("/lang")
                        .statusCode())
                .isEqualTo(400);
        Response ok = anna.form()
                .formParam("lang", "de")
                .formParam("back", "/me?period=2026-06")
                .post("/lang");
        assertThat(ok.header("Location")).endsWith("/me?period=2026-06");
        assertThat(anna.form()
                        .formParam("lang", "xx")
                        .formParam("back", "/")
                        .post("/lang")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void metricsAndOpenApi_needACaretaker_healthStaysPublicAndSaysLittle() {
        for (String url : new String[] {"/q/metrics", "/q/openapi"}) {
            Response anonymous = given().redirects().follow(false).get(url);
            assertThat(anonymous.statusCode()).as(url).isEqualTo(401);
            assertThat(anonymous.asString()).as(url).doesNotContain("jvm_").doesNotContain("/api/");
            assertThat(given().redirects()
                            .follow(false)
                            .auth()
                            .preemptive()
                            .basic("anna", "anna-demo")
                            .get(url)
                            .statusCode())
                    .as(url)
                    .isEqualTo(403);
            assertThat(given().auth()
                            .preemptive()
                            .basic("hauswart", "hauswart-demo")
                            .get(url)
                            .statusCode())
                    .as(url)
                    .isEqualTo(200);
            assertThat(WebSession.caretaker().cookies().get(url).statusCode())
                    .as(url)
                    .isEqualTo(200);
        }
        Response health = given().get("/q/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.asString())
                .doesNotContainIgnoringCase("jdbc")
                .doesNotContainIgnoringCase("password")
                .doesNotContain("hauswart")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void aCrossSiteLoginPost_isRefused_beforeThePasswordIsChecked() {
        for (String[] h : new String[][] {
            {"Origin", "http://evil.example"},
            {"Origin", "null"},
            {"Origin", "http://localhost:1"},
            {"Sec-Fetch-Site", "cross-site"},
            {"Sec-Fetch-Site", "same-site"}
        }) {
            Response r = given().redirects()
                    .follow(false)
                    .header(h[0], h[1])
                    .formParam("j_username", "anna")
                    .formParam("j_password", "anna-demo")
                    .post("/j_security_check");
            assertThat(r.statusCode()).as(h[0] + ": " + h[1]).isEqualTo(403);
            assertThat(r.cookie(WebSession.SESSION)).as(h[0] + ": " + h[1]).isNull();
        }
        // The login page's own form, as a browser sends it: same origin.
        Response ok = given().redirects()
                .follow(false)
                .header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                .header("Sec-Fetch-Site", "same-origin")
                .formParam("j_username", "anna")
                .formParam("j_password", "anna-demo")
                .post("/j_security_check");
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.header("Location")).doesNotContain("error");
        assertThat(ok.cookie(WebSession.SESSION)).isNotBlank();
    }

    @Test
    void theCsrfTokenIsRenewedAtLogin() {
        java.util.regex.Pattern meta =
                java.util.regex.Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");
        Response loginPage = given().get("/login");
        String seedBefore = loginPage.cookie("hausmeter-csrf");
        java.util.regex.Matcher m = meta.matcher(loginPage.asString());
        assertThat(m.find()).isTrue();
        String tokenBefore = m.group(1);
        assertThat(seedBefore).isNotBlank();

        Response login = given().redirects()
                .follow(false)
                .cookie("hausmeter-csrf", seedBefore)
                .formParam("j_username", "anna")
                .formParam("j_password", "anna-demo")
                .post("/j_security_check");
        assertThat(login.statusCode()).isEqualTo(302);
        String seedAfter = login.cookie("hausmeter-csrf");
        assertThat(seedAfter).isNotBlank().isNotEqualTo(seedBefore);
        String session = login.cookie(WebSession.SESSION);
        String sid = login.cookie(WebSession.SID);

        Response start = given().cookie(WebSession.SESSION, session)
                .cookie(WebSession.SID, sid)
                .cookie("hausmeter-csrf", seedAfter)
                .get("/");
        m = meta.matcher(start.asString());
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isNotEqualTo(tokenBefore);
        // The old token no longer passes with the browser's new cookie; the new one does.
        assertThat(given().redirects()
                        .follow(false)
                        .cookie(WebSession.SESSION, session)
                        .cookie(WebSession.SID, sid)
                        .cookie("hausmeter-csrf", seedAfter)
                        .formParam("_csrf", tokenBefore)
                        .formParam("lang", "de")
                        .formParam("back", "/")
                        .post("/lang")
                        .statusCode())
                .isEqualTo(403);
        assertThat(given().redirects()
                        .follow(false)
                        .cookie(WebSession.SESSION, session)
                        .cookie(WebSession.SID, sid)
                        .cookie("hausmeter-csrf", seedAfter)
                        .formParam("_csrf", m.group(1))
                        .formParam("lang", "de")
                        .formParam("back", "/")
                        .post("/lang")
                        .statusCode())
                .isEqualTo(303);
    }

    @Test
    void databaseDown_isA503PageInTheUsersLanguage_otherFailuresStay500() {
        Response en = given().header("Accept-Language", "en").get("/test-only/database/refused");
        assertThat(en.statusCode()).isEqualTo(503);
        assertThat(en.contentType()).startsWith("text/html");
        assertThat(en.header("Retry-After")).isEqualTo("30");
        assertThat(en.asString())
                .contains("Temporarily unavailable")
                .doesNotContain("Exception")
                .doesNotContain("5432");
        Response de =
                given().cookie("lang", "de").header("Accept-Language", "en").get("/test-only/database/refused");
        assertThat(de.statusCode()).isEqualTo(503);
        assertThat(de.asString()).contains("Vorübergehend nicht erreichbar");
        assertThat(given().get("/test-only/database/other").statusCode()).isEqualTo(500);

        assertThat(DatabaseUnavailable.databaseDown(new java.sql.SQLException("Sorry, acquisition timeout!")))
                .isTrue();
        assertThat(DatabaseUnavailable.databaseDown(
                        new RuntimeException(new java.sql.SQLTransientConnectionException("x"))))
                .isTrue();
        assertThat(DatabaseUnavailable.databaseDown(new java.sql.SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(DatabaseUnavailable.databaseDown(new IllegalStateException("x")))
                .isFalse();
    }
}
