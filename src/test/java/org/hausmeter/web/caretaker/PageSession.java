package org.hausmeter.web.caretaker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A logged-in browser session for page tests: session and CSRF cookies and the page's token, as a browser holds them. */
record PageSession(String sessionCookie, String csrfCookie, String token) {

    static final String SESSION = "hausmeter-session";
    private static final Pattern META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    /** Logs in through the login form's POST, then loads the start page for the CSRF token. */
    static PageSession login(String username, String password) {
        Response login = given().redirects().follow(false).formParam("j_username", username)
                .formParam("j_password", password).post("/j_security_check");
        assertThat(login.statusCode()).as("login redirect").isEqualTo(302);
        assertThat(login.header("Location")).as("landing page, not the error page").doesNotContain("error");
        String session = login.cookie(SESSION);
        Response page = given().cookie(SESSION, session).get("/");
        Matcher m = META.matcher(page.asString());
        assertThat(m.find()).as("csrf meta tag").isTrue();
        return new PageSession(session, page.cookie("hausmeter-csrf"), m.group(1));
    }

    static PageSession caretaker() {
        return login("hauswart", "hauswart-demo");
    }

    /** A request with the session and CSRF cookies (no token), redirects not followed, German unless set. */
    RequestSpecification cookies() {
        return given().redirects().follow(false).cookie(SESSION, sessionCookie).cookie("hausmeter-csrf", csrfCookie)
                .header("Accept-Language", "de");
    }

    /** GET of a redirect's Location as a browser follows it (the query is encoded already: not again). */
    Response follow(Response redirect) {
        assertThat(redirect.statusCode()).as("redirect").isEqualTo(303);
        return cookies().urlEncodingEnabled(false).get(redirect.header("Location"));
    }

    /** A form POST with the CSRF field. */
    RequestSpecification form() {
        return cookies().formParam("_csrf", token);
    }
}
