package org.hausmeter.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hausmeter.accounts.Residents;
import org.hausmeter.support.Leftovers;
import org.junit.jupiter.api.Test;

/**
 * Server-side sessions end to end: a copied cookie is refused after logout, after a password change (other
 * sessions), after the caretaker ended it, when idle or too old on the server's clock; Basic needs no session.
 */
@QuarkusTest
class LoginSessionTest {

    @Inject
    Residents residents;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    /**
     * A resident of its own (no apartment), removed when the class ends; returns the password, made the resident's
     * own (not one-time: OneTimePasswordTest covers those).
     */
    private String resident(String name) {
        Leftovers.afterClass(List.of("DELETE FROM account WHERE username = '" + name + "'"));
        String password = residents
                .create(name, "Session Test " + name, null, "de", "test")
                .password();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE account SET one_time_until = NULL WHERE username = ?")) {
            ps.setString(1, name);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return password;
    }

    private static String name(String what) {
        return "sess-" + what + "-" + System.nanoTime() % 100_000;
    }

    /** A page only a logged-in resident sees: 200 with a valid session, else the login page. */
    private static void loggedIn(WebSession s) {
        s.cookies().get("/me/account").then().statusCode(200);
    }

    private static void refused(WebSession s) {
        Response page = s.cookies().get("/me/account");
        assertThat(page.statusCode()).as("page without a valid session").isEqualTo(302);
        assertThat(page.header("Location")).contains("/login");
        assertThat(page.headers().getValues("Set-Cookie"))
                .as("both session cookies expired")
                .anyMatch(c -> c.startsWith(WebSession.SESSION + "=;") && c.contains("Max-Age=0"))
                .anyMatch(c -> c.startsWith(WebSession.SID + "=;") && c.contains("Max-Age=0"));
        s.cookies().get("/api/me/apartments").then().statusCode(401);
    }

    private List<String> endedReasons(String username) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT coalesce(s.ended_reason, 'open') FROM login_session s JOIN account a ON a.id = s.account_id "
                                + "WHERE a.username = ? ORDER BY s.id")) {
            ps.setString(1, username);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private void setTimes(String username, Instant created, Instant lastSeen) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE login_session SET created_at = ?, last_seen_at = ? "
                        + "WHERE account_id = (SELECT id FROM account WHERE username = ?)")) {
            ps.setTimestamp(1, Timestamp.from(created));
            ps.setTimestamp(2, Timestamp.from(lastSeen));
            ps.setString(3, username);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aCopiedCookie_isRefusedRightAfterLogout() throws Exception {
        String name = name("logout");
        String password = resident(name);
        WebSession browser = WebSession.login(name, password);
        WebSession copy =
                new WebSession(browser.sessionCookie(), browser.sidCookie(), browser.csrfCookie(), browser.token());
        loggedIn(copy);
        Response out = browser.form().post("/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().getValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith(WebSession.SID + "=;") && c.contains("Max-Age=0"));
        refused(copy);
        assertThat(endedReasons(name)).containsExactly("logout");
    }

    @Test
    void theFormCookie_withoutTheSessionCookie_orWithAnotherAccountsSession_isRefused() {
        String a = name("alone");
        String b = name("other");
        WebSession sa = WebSession.login(a, resident(a));
        WebSession sb = WebSession.login(b, resident(b));
        loggedIn(sa);
        given().redirects()
                .follow(false)
                .cookie(WebSession.SESSION, sa.sessionCookie())
                .get("/me/account")
                .then()
                .statusCode(302);
        given().redirects()
                .follow(false)
                .cookie(WebSession.SESSION, sa.sessionCookie())
                .cookie(WebSession.SID, sb.sidCookie())
                .get("/me/account")
                .then()
                .statusCode(302);
        given().redirects()
                .follow(false)
                .cookie(WebSession.SESSION, sa.sessionCookie())
                .cookie(WebSession.SID, "forged")
                .get("/api/me/apartments")
                .then()
                .statusCode(401);
        loggedIn(sb);
    }

    @Test
    void aPasswordChange_endsTheAccountsOtherSessions_andKeepsItsOwn() throws Exception {
        String name = name("pw");
        String password = resident(name);
        WebSession here = WebSession.login(name, password);
        WebSession elsewhere = WebSession.login(name, password);
        loggedIn(elsewhere);
        String newPassword = "a-new-password-42";
        here.form()
                .formParam("current", password)
                .formParam("password", newPassword)
                .formParam("repeat", newPassword)
                .post("/me/account/password")
                .then()
                .statusCode(303);
        loggedIn(here);
        refused(elsewhere);
        assertThat(endedReasons(name)).containsExactly("open", "password");
    }

    @Test
    void theCaretaker_seesAndEndsAResidentsSession_andThatCookieIsRefused() throws Exception {
        String name = name("ct");
        String password = resident(name);
        WebSession resident = WebSession.login(name, password);
        loggedIn(resident);
        WebSession caretaker = WebSession.caretaker();
        String page = caretaker
                .cookies()
                .get("/caretaker/residents/" + name)
                .then()
                .statusCode(200)
                .body(containsString("id=\"login-table\""))
                .body(containsString("Anmeldungen"))
                .extract()
                .asString();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("name=\"id\" value=\"(\\d+)\"").matcher(page);
        assertThat(m.find()).as("an end button for the resident's session").isTrue();
        String id = m.group(1);
        // Without the CSRF token: refused, the session stays.
        caretaker
                .cookies()
                .formParam("id", id)
                .post("/caretaker/residents/" + name + "/logins/end")
                .then()
                .statusCode(403);
        loggedIn(resident);
        Response done = caretaker.form().formParam("id", id).post("/caretaker/residents/" + name + "/logins/end");
        assertThat(done.statusCode()).isEqualTo(303);
        caretaker
                .follow(done)
                .then()
                .statusCode(200)
                .body(containsString("1 Anmeldung(en) beendet."))
                .body(containsString("Keine offene Anmeldung."));
        refused(resident);
        assertThat(endedReasons(name)).containsExactly("caretaker");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM audit_event WHERE action = 'account.session.end' AND subject = ? AND actor = 'hauswart'")) {
            ps.setString(1, "account:" + name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aNewPasswordFromTheCaretaker_endsAllTheResidentsSessions() throws Exception {
        String name = name("ctpw");
        WebSession resident = WebSession.login(name, resident(name));
        loggedIn(resident);
        WebSession.caretaker()
                .form()
                .post("/caretaker/residents/" + name + "/password")
                .then()
                .statusCode(200);
        refused(resident);
        assertThat(endedReasons(name)).containsExactly("password");
    }

    @Test
    void aSessionIdleFor30Minutes_orOlderThan12Hours_onTheServersClock_isRefused() throws Exception {
        String idle = name("idle");
        WebSession a = WebSession.login(idle, resident(idle));
        Instant now = clock.instant();
        setTimes(idle, now.minus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(29)));
        loggedIn(a);
        setTimes(idle, now.minus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(31)));
        refused(a);
        assertThat(endedReasons(idle)).containsExactly("idle");

        String old = name("old");
        WebSession b = WebSession.login(old, resident(old));
        setTimes(old, now.minus(Duration.ofHours(12)).minus(Duration.ofMinutes(1)), now);
        refused(b);
        assertThat(endedReasons(old)).containsExactly("expired");
    }

    @Test
    void basicAuthentication_startsNoSession() {
        String name = name("basic");
        String password = resident(name);
        Response r = given().auth().preemptive().basic(name, password).get("/api/me/apartments");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().getValues("Set-Cookie")).noneMatch(c -> c.startsWith(WebSession.SID + "="));
    }
}
