package org.hausmeter.web.resident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A logged-in browser session for RestAssured tests: session and CSRF cookies and the page's CSRF token. */
record ResidentSession(String sessionCookie, String csrfCookie, String token) {

    static final String SESSION = "hausmeter-session";
    private static final Pattern META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    /** Logs in through the login form's POST, then loads the start page for the CSRF token. */
    static ResidentSession login(String username, String password) {
        Response login = given().redirects().follow(false).formParam("j_username", username)
                .formParam("j_password", password).post("/j_security_check");
        assertThat(login.statusCode()).as("login redirect").isEqualTo(302);
        assertThat(login.header("Location")).as("landing page, not the error page").doesNotContain("error");
        String session = login.cookie(SESSION);
        Response page = given().cookie(SESSION, session).get("/");
        Matcher m = META.matcher(page.asString());
        assertThat(m.find()).as("csrf meta tag").isTrue();
        return new ResidentSession(session, page.cookie("hausmeter-csrf"), m.group(1));
    }

    /** @return true when the login form accepts the password */
    static boolean canLogIn(String username, String password) {
        Response login = given().redirects().follow(false).formParam("j_username", username)
                .formParam("j_password", password).post("/j_security_check");
        return login.statusCode() == 302 && !login.header("Location").contains("error");
    }

    /** A request with the session and CSRF cookies, without the token; redirects not followed. */
    RequestSpecification cookies() {
        return given().redirects().follow(false).cookie(SESSION, sessionCookie).cookie("hausmeter-csrf", csrfCookie);
    }
}
