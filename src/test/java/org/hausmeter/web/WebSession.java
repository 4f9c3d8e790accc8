package org.hausmeter.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A logged-in browser session for RestAssured tests of the pages: Quarkus' session cookie, the server-side
 * session's cookie ({@code hausmeter-sid}), the CSRF cookie and the page's CSRF token, as a browser holds them.
 * The one login helper of the page tests (caretaker, resident, security).
 */
public record WebSession(String sessionCookie, String sidCookie, String csrfCookie, String token) {

    public static final String SESSION = "hausmeter-session";
    public static final String SID = "hausmeter-sid";
    private static final Pattern META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    /** Logs in through the login form's POST, then loads the start page for the CSRF token. */
    public static WebSession login(String username, String password) {
        Response login = given().redirects()
                .follow(false)
                .formParam("j_username", username)
                .formParam("j_password", password)
                .post("/j_security_check");
        assertThat(login.statusCode()).as("login redirect").isEqualTo(302);
        assertThat(login.header("Location"))
                .as("landing page, not the error page")
                .doesNotContain("error");
        String session = login.cookie(SESSION);
        assertThat(session).as("session cookie").isNotBlank();
        String sid = login.cookie(SID);
        assertThat(sid).as("server-side session cookie").isNotBlank();
        Response page = given().cookie(SESSION, session).cookie(SID, sid).get("/");
        Matcher m = META.matcher(page.asString());
        assertThat(m.find()).as("csrf meta tag").isTrue();
        return new WebSession(session, sid, page.cookie("hausmeter-csrf"), m.group(1));
    }

    /** The demo caretaker. */
    public static WebSession caretaker() {
        return login("hauswart", "hauswart-demo");
    }

    /** @return true when the login form accepts the password */
    public static boolean canLogIn(String username, String password) {
        Response login = given().redirects()
                .follow(false)
                .formParam("j_username", username)
                .formParam("j_password", password)
                .post("/j_security_check");
        return login.statusCode() == 302 && !login.header("Location").contains("error");
    }

    /**
     * A request with the session and CSRF cookies (no token), redirects not followed, Accept-Language German
     * (the server's default; an account's own language still wins).
     */
    public RequestSpecification cookies() {
        return given().redirects()
                .follow(false)
                .cookie(SESSION, sessionCookie)
                .cookie(SID, sidCookie)
                .cookie("hausmeter-csrf", csrfCookie)
                .header("Accept-Language", "de");
    }

    /** GET of a redirect's Location as a browser follows it (the query is encoded already: not again). */
    public Response follow(Response redirect) {
        assertThat(redirect.statusCode()).as("redirect").isEqualTo(303);
        return cookies().urlEncodingEnabled(false).get(redirect.header("Location"));
    }

    /** A form POST with the CSRF field. */
    public RequestSpecification form() {
        return cookies().formParam("_csrf", token);
    }
}
