package org.hausmeter.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.accounts.FirstRun;
import org.hausmeter.accounts.KnownDevices;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.support.Leftovers;
import org.junit.jupiter.api.Test;

/** Form login, session cookie, CSRF, API challenge, the resident rule, throttling: over HTTP, as a browser or a script talks. */
@QuarkusTest
class SecurityTest {

    @Inject
    FirstRun firstRun;

    @ConfigProperty(name = "hausmeter.login.address-failures")
    int addressFailures;

    @Test
    void formLogin_setsAnHttpOnlySameSiteStrictSessionCookie_andLandsOnTheLandingPage() {
        Response r = given().redirects()
                .follow(false)
                .formParam("j_username", "anna")
                .formParam("j_password", "anna-demo")
                .post("/j_security_check");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.header("Location"))
                .as("the landing page, which sends a resident to /me")
                .endsWith("/welcome");
        String setCookie = r.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(WebSession.SESSION + "="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie)
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .doesNotContainIgnoringCase("Max-Age");
        String sid = r.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(WebSession.SID + "="))
                .findFirst()
                .orElseThrow();
        assertThat(sid)
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .doesNotContainIgnoringCase("Max-Age");
        given().cookie(WebSession.SESSION, r.cookie(WebSession.SESSION))
                .cookie(WebSession.SID, r.cookie(WebSession.SID))
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("Anna Berger"))
                .body(containsString("action=\"/logout\""))
                .body(containsString("href=\"/me\""))
                .body(not(containsString("href=\"/caretaker\"")));
    }

    @Test
    void wrongPassword_comesBackToTheLoginPageWithAnError() {
        Response r = given().redirects()
                .follow(false)
                .formParam("j_username", "ben")
                .formParam("j_password", "nope-nope")
                .post("/j_security_check");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.header("Location")).endsWith("/login?error");
        assertThat(r.cookie(WebSession.SESSION)).isNull();
        given().header("Accept-Language", "en")
                .get("/login?error")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body(containsString("Wrong username or password."));
    }

    @Test
    void caretakerNavigation_differsFromTheResidents() {
        WebSession s = WebSession.login("hauswart", "hauswart-demo");
        s.cookies()
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("href=\"/caretaker\""))
                .body(not(containsString("href=\"/me\"")));
    }

    @Test
    void api_answersAnonymousRequestsWith401_withoutABasicChallenge_andPagesRedirectToTheLogin() {
        Response r = given().redirects().follow(false).get("/api/me/apartments");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).doesNotContainIgnoringCase("basic");
        given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .get("/api/me/apartments")
                .then()
                .statusCode(200)
                .body("code", equalTo(java.util.List.of("A-0.1")));
    }

    @Test
    void resident_gets403_forANeighboursApartment_throughSessionAndBasic() {
        WebSession anna = WebSession.login("anna", "anna-demo");
        anna.cookies()
                .get("/api/me/apartments/A-0.1")
                .then()
                .statusCode(200)
                .body("code", equalTo("A-0.1"))
                .body("periods", hasSize(1));
        anna.cookies().get("/api/me/apartments/A-0.2").then().statusCode(403);
        anna.cookies().get("/api/me/apartments/Z-9.9").then().statusCode(403);
        given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .get("/api/me/apartments/A-0.2")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .get("/api/me/apartments/A-0.1")
                .then()
                .statusCode(403);
    }

    @Test
    void tenantChange_eachTenantSeesOnlyTheirOwnPeriod() {
        String emilOut = given().auth()
                .preemptive()
                .basic("emil", "emil-demo")
                .get("/api/me/apartments/A-2.1")
                .then()
                .statusCode(200)
                .extract()
                .path("periods[0].moveOut");
        String fatmaIn = given().auth()
                .preemptive()
                .basic("fatma", "fatma-demo")
                .get("/api/me/apartments/A-2.1")
                .then()
                .statusCode(200)
                .body("periods", hasSize(1))
                .body("periods[0].moveOut", equalTo(null))
                .extract()
                .path("periods[0].moveIn");
        assertThat(fatmaIn).isNotNull().isEqualTo(emilOut);
    }

    @Test
    void statefulRequestsOfABrowserSession_needTheCsrfToken() {
        WebSession s = WebSession.login("hauswart", "hauswart-demo");
        // A JSON API POST with the session cookie: no token 403; with the header it reaches the endpoint (400: no
        // period).
        s.cookies().post("/api/ledger/checks").then().statusCode(403);
        s.cookies()
                .header("X-CSRF-Token", "forged")
                .post("/api/ledger/checks")
                .then()
                .statusCode(403);
        s.cookies()
                .header("X-CSRF-Token", s.token())
                .post("/api/ledger/checks")
                .then()
                .statusCode(400);
        // The same POST from a script with Basic credentials needs no token.
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .post("/api/ledger/checks")
                .then()
                .statusCode(400);
        // A token of another browser does not fit this browser's cookie.
        WebSession other = WebSession.login("hauswart", "hauswart-demo");
        s.cookies()
                .header("X-CSRF-Token", other.token())
                .post("/api/ledger/checks")
                .then()
                .statusCode(403);
        // Logout is a form POST: refused without the field, done with it.
        s.cookies().formParam("back", "/").post("/logout").then().statusCode(403);
        Response out = s.cookies().formParam("_csrf", s.token()).post("/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).endsWith("/login?logout");
        assertThat(out.headers().getValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith(WebSession.SESSION + "=;") && c.contains("Max-Age=0"));
    }

    @Test
    void languageSwitch_ofALoggedInResident_isStoredInTheAccount() {
        WebSession greta = WebSession.login("greta", "greta-demo");
        try {
            greta.cookies()
                    .formParam("lang", "en")
                    .formParam("back", "/kiosk")
                    .formParam("_csrf", greta.token())
                    .post("/lang")
                    .then()
                    .statusCode(303)
                    .header("Location", endsWith("/kiosk"));
            assertThat(QuarkusTransaction.requiringNew()
                            .call(() -> Account.findByUsername("greta").orElseThrow().locale))
                    .isEqualTo("en");
            // No lang cookie, a German browser: the account's language wins.
            given().cookie(WebSession.SESSION, greta.sessionCookie())
                    .cookie(WebSession.SID, greta.sidCookie())
                    .header("Accept-Language", "de")
                    .get("/")
                    .then()
                    .body(containsString("<html lang=\"en\">"))
                    .body(containsString(">Log out</button>"));
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> Account.findByUsername("greta").orElseThrow().locale = "de");
        }
        given().cookie("lang", "en").get("/").then().body(containsString("<html lang=\"en\">"));
        given().cookie("lang", "xx")
                .header("Accept-Language", "en")
                .get("/")
                .then()
                .body(containsString("<html lang=\"en\">"));
    }

    @Test
    void repeatedFailures_lockTheUsernameFromThatAddress_evenForTheRightPassword_andTheLoginPageSaysHowLong() {
        for (int i = 0; i < 5; i++) {
            given().redirects()
                    .follow(false)
                    .formParam("j_username", "hugo")
                    .formParam("j_password", "wrong-" + i)
                    .post("/j_security_check")
                    .then()
                    .statusCode(302)
                    .header("Location", endsWith("/login?error"));
        }
        Response r = given().redirects()
                .follow(false)
                .formParam("j_username", "hugo")
                .formParam("j_password", "hugo-demo")
                .post("/j_security_check");
        assertThat(r.header("Location")).endsWith("/login?error");
        assertThat(r.cookie(WebSession.SESSION)).isNull();
        given().get("/login?error").then().body(containsString("Zu viele Versuche, bitte in "));
        given().header("Accept-Language", "en")
                .get("/login?error")
                .then()
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*Too many attempts, try again in \\d+ s\\..*"));
        given().auth()
                .preemptive()
                .basic("hugo", "hugo-demo")
                .get("/api/me/apartments")
                .then()
                .statusCode(401);
    }

    @Test
    void theCaretaker_logsIn_whileAFloodOfWrongPasswordsForTheirNameComesFromOtherAddresses() {
        String name = "sec-caretaker" + System.nanoTime() % 100_000;
        String password = firstRun.createCaretaker(name).oneTimePassword();
        Leftovers.afterClass(List.of("DELETE FROM account WHERE username = '" + name + "'"));
        // The office browser logs in once: it gets the device cookie, and its address becomes known to the account.
        Response office = formLogin(from("127.0.0.1"), name, password);
        assertThat(office.header("Location")).doesNotContain("error");
        String device = office.cookie(KnownDevices.COOKIE);
        assertThat(device).as("device cookie").isNotBlank();
        assertThat(office.headers().getValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith(KnownDevices.COOKIE + "=")
                        && c.contains("Path=/j_security_check")
                        && c.toLowerCase(java.util.Locale.ROOT).contains("httponly")
                        && c.contains("SameSite=Strict"));
        // A neighbour floods the name from three other addresses (their own locks stop each after 5).
        for (int a = 2; a <= 4; a++) {
            for (int i = 0; i < 6; i++) {
                assertThat(formLogin(from("127.0.0." + a), name, "guess-" + i).header("Location"))
                        .endsWith("/login?error");
            }
        }
        // A stranger's address: refused even with the right password, and its login page says to wait.
        assertThat(formLogin(from("127.0.0.5"), name, password).header("Location"))
                .endsWith("/login?error");
        from("127.0.0.5")
                .header("Accept-Language", "en")
                .get("/login?error")
                .then()
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*Too many attempts, try again in \\d+ s\\..*"));
        from("127.0.0.5")
                .auth()
                .preemptive()
                .basic(name, password)
                .get("/api/buses")
                .then()
                .statusCode(401);
        // The caretaker: the phone's browser on a new address shows its cookie; the office script uses Basic.
        Response phone = formLogin(from("127.0.0.6").cookie(KnownDevices.COOKIE, device), name, password);
        assertThat(phone.header("Location")).doesNotContain("error");
        assertThat(phone.cookie(WebSession.SESSION)).isNotBlank();
        // Basic from the known address gets past the throttle and logs in; the API then asks for the one-time
        // password to be changed first (OneTimePasswordTest).
        from("127.0.0.1")
                .auth()
                .preemptive()
                .basic(name, password)
                .get("/api/buses")
                .then()
                .statusCode(403)
                .body(containsString("one-time password"));
        // A forged cookie does not help.
        assertThat(formLogin(from("127.0.0.5").cookie(KnownDevices.COOKIE, "1.x.0.forged"), name, password)
                        .header("Location"))
                .endsWith("/login?error");
    }

    @Test
    void anUnknownUsername_costsOneBcryptCheck_likeAWrongPasswordOfARealAccount() {
        long before = PasswordHasher.verifications();
        assertThat(formLogin(from("127.0.0.7"), "nobody-lives-here", "a-guess").header("Location"))
                .endsWith("/login?error");
        assertThat(PasswordHasher.verifications())
                .as("one check against the dummy hash")
                .isEqualTo(before + 1);
        assertThat(formLogin(from("127.0.0.7"), "ben", "another-guess").header("Location"))
                .endsWith("/login?error");
        assertThat(PasswordHasher.verifications()).isEqualTo(before + 2);
    }

    @Test
    void longUsernames_fromOneAddress_lockThatAddress_withoutStoringThem() {
        String long1500 = "x".repeat(1_500);
        for (int i = 0; i < addressFailures; i++) {
            assertThat(formLogin(from("127.0.0.8"), long1500 + i, "guess").header("Location"))
                    .endsWith("/login?error");
        }
        from("127.0.0.8").get("/login?error").then().body(containsString("Zu viele Versuche, bitte in "));
        // The address is locked for everyone, the right password included; other addresses are not.
        assertThat(formLogin(from("127.0.0.8"), "ben", "ben-demo1").header("Location"))
                .endsWith("/login?error");
        assertThat(formLogin(from("127.0.0.9"), "ben", "ben-demo1").header("Location"))
                .doesNotContain("error");
    }

    /** A request from another loopback address: the server sees that address as the client's. */
    private static RequestSpecification from(String loopback) {
        InetAddress local;
        try {
            local = InetAddress.getByName(loopback);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(loopback, e);
        }
        return given().config(RestAssured.config()
                        .httpClient(HttpClientConfig.httpClientConfig().setParam("http.route.local-address", local)))
                .baseUri("http://127.0.0.1")
                .redirects()
                .follow(false);
    }

    private static Response formLogin(RequestSpecification spec, String username, String password) {
        Response r = spec.formParam("j_username", username)
                .formParam("j_password", password)
                .post("/j_security_check");
        assertThat(r.statusCode()).as("login redirect").isEqualTo(302);
        return r;
    }

    @Test
    void openApi_describesTheJsonApi_offline() {
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/buses"))
                .body(containsString("/api/me/apartments/{code}"))
                .body(containsString("basic"));
    }
}
