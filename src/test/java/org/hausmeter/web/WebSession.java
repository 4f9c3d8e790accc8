package org.hausmeter.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A logged-in browser session for RestAssured tests: session cookie, CSRF cookie and token, as a browser holds them. */
record WebSession(String sessionCookie, String csrfCookie, String token) {

    static final String SESSION = "hausmeter-session";
    private static final Pattern META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    /** Logs in through the login form's POST, then loads the start page for the CSRF token. */
    static WebSession login(String username, String password) {
        Response login = given().redirects().follow(false).formParam("j_username", username)
                .formParam("j_password", password).post("/j_security_check");
        assertThat(login.statusCode()).as("login redirect").isEqualTo(302);
        assertThat(login.header("Location")).as("landing page, not the error page").doesNotContain("error");
        String session = login.cookie(SESSION);
        assertThat(session).as("session cookie").isNotBlank();
        Response page = given().cookie(SESSION, session).get("/");
        Matcher m = META.matcher(page.asString());
        assertThat(m.find()).as("csrf meta tag").isTrue();
        return new WebSession(session, page.cookie("hausmeter-csrf"), m.group(1));
    }

    /** A request with the session and CSRF cookies, without the token. */
    RequestSpecification cookies() {
        return given().redirects().follow(false).cookie(SESSION, sessionCookie).cookie("hausmeter-csrf", csrfCookie);
    }
}
