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
import java.util.List;
import org.hausmeter.accounts.FirstRun;
import org.hausmeter.accounts.Residents;
import org.hausmeter.support.Leftovers;
import org.junit.jupiter.api.Test;

/**
 * Generated passwords are one-time passwords: the first login leads to the password change and nothing else opens
 * (pages redirect, the API answers 403), the holder's own password opens everything, and a one-time password past its
 * deadline no longer logs in. For the operator's create-caretaker and reset-password and the caretaker's residents.
 */
@QuarkusTest
class OneTimePasswordTest {

    @Inject
    FirstRun firstRun;

    @Inject
    Residents residents;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    private static String name(String what) {
        return "otp-" + what + "-" + System.nanoTime() % 100_000;
    }

    private static void removeAfterClass(String name) {
        Leftovers.afterClass(List.of("DELETE FROM account WHERE username = '" + name + "'"));
    }

    private static void leadsTo(WebSession s, String path, String account) {
        Response r = s.cookies().get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(303);
        assertThat(r.header("Location")).as(path).endsWith(account);
    }

    private static Response change(WebSession s, String path, String current, String password, String repeat) {
        return s.form()
                .formParam("current", current)
                .formParam("password", password)
                .formParam("repeat", repeat)
                .post(path);
    }

    @Test
    void theFirstCaretaker_mustChooseTheirOwnPassword_beforeAnythingElseOpens() throws Exception {
        String name = name("ct");
        removeAfterClass(name);
        FirstRun.Created created = firstRun.createCaretaker(name);
        assertThat(Duration.between(clock.instant(), created.validUntil()))
                .isBetween(Duration.ofDays(14).minusMinutes(1), Duration.ofDays(14));
        String otp = created.oneTimePassword();

        // A script with the one-time password is told what to do, in words.
        given().auth()
                .preemptive()
                .basic(name, otp)
                .get("/api/buses")
                .then()
                .statusCode(403)
                .body(containsString("one-time password"))
                .body(containsString("/caretaker/account"));

        WebSession s = WebSession.login(name, otp);
        for (String page :
                List.of("/", "/caretaker", "/caretaker/billing", "/caretaker/residents", "/caretaker/meters")) {
            leadsTo(s, page, "/caretaker/account");
        }
        s.cookies().get("/api/buses").then().statusCode(403);
        s.cookies()
                .get("/caretaker/account")
                .then()
                .statusCode(200)
                .body(containsString("Einmal-Passwort"))
                .body(containsString("id=\"password-form\""))
                .body(containsString("id=\"login-table\""));
        // A state change elsewhere is refused too (the form would otherwise act with the handed-on password).
        Response settings = s.form().formParam("name", "X").post("/caretaker/settings");
        assertThat(settings.statusCode()).isEqualTo(303);
        assertThat(settings.header("Location")).endsWith("/caretaker/account");

        // The same rules as the residents' change.
        assertThat(change(s, "/caretaker/account/password", "wrong", "a long new passphrase", "a long new passphrase")
                        .then()
                        .statusCode(400)
                        .extract()
                        .asString())
                .contains("Das bisherige Passwort ist falsch.");
        assertThat(change(s, "/caretaker/account/password", otp, "short", "short")
                        .then()
                        .statusCode(400)
                        .extract()
                        .asString())
                .contains("mindestens 10 Zeichen");
        assertThat(change(s, "/caretaker/account/password", otp, "x".repeat(73), "x".repeat(73))
                        .then()
                        .statusCode(400)
                        .extract()
                        .asString())
                .contains("höchstens 72 Byte");
        Response done = change(s, "/caretaker/account/password", otp, "a long new passphrase", "a long new passphrase");
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.header("Location")).endsWith("/caretaker/account?changed=1");
        s.follow(done).then().statusCode(200).body(containsString("Ihr Passwort ist geändert."));

        // Now everything opens, in the same session; the one-time password is gone.
        s.cookies().get("/caretaker").then().statusCode(200);
        given().auth()
                .preemptive()
                .basic(name, "a long new passphrase")
                .get("/api/buses")
                .then()
                .statusCode(200);
        given().auth().preemptive().basic(name, otp).get("/api/buses").then().statusCode(401);
        assertThat(oneTimeUntil(name)).isNull();
    }

    @Test
    void aResidentsGeneratedPassword_leadsToTheirAccountPage_andTheCaretakerSeesItsDeadline() {
        String name = name("res");
        removeAfterClass(name);
        WebSession caretaker = WebSession.caretaker();
        String page = caretaker
                .form()
                .formParam("username", name)
                .formParam("displayName", "Olga Tester")
                .formParam("locale", "de")
                .post("/caretaker/residents")
                .then()
                .statusCode(200)
                .body(containsString("Einmal-Passwort"))
                .body(containsString("gilt bis"))
                .extract()
                .asString();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("id=\"password\">([^<]+)<").matcher(page);
        assertThat(m.find()).isTrue();
        String otp = m.group(1);

        WebSession s = WebSession.login(name, otp);
        for (String path : List.of("/", "/me", "/me/bills", "/me/charging", "/me/export")) {
            leadsTo(s, path, "/me/account");
        }
        s.cookies().get("/api/me/apartments").then().statusCode(403);
        s.cookies().get("/me/account").then().statusCode(200).body(containsString("Einmal-Passwort"));
        // Logging out and the language switch stay open.
        assertThat(s.form()
                        .formParam("lang", "en")
                        .formParam("back", "/me/account")
                        .post("/lang")
                        .statusCode())
                .isEqualTo(303);
        assertThat(change(s, "/me/account/password", otp, "my own passphrase", "my own passphrase")
                        .statusCode())
                .isEqualTo(303);
        s.cookies().get("/me").then().statusCode(200);
        s.cookies().get("/api/me/apartments").then().statusCode(200);
        assertThat(s.form().post("/logout").statusCode()).isEqualTo(303);
    }

    @Test
    void aOneTimePasswordPastItsDeadline_logsInNoMore_andResetPasswordGivesANewOne() throws Exception {
        String name = name("late");
        removeAfterClass(name);
        String otp = residents.create(name, "Late Letter", null, "de", "test").password();
        setOneTimeUntil(name, clock.instant().minusSeconds(1));
        assertThat(WebSession.canLogIn(name, otp)).isFalse();
        given().auth()
                .preemptive()
                .basic(name, otp)
                .get("/api/me/apartments")
                .then()
                .statusCode(401);

        // The operator's way back in (the server-stopped command runs the same code): a new one, 14 days again.
        FirstRun.Created reset = firstRun.resetPassword(name);
        assertThat(reset.validUntil()).isAfter(clock.instant().plus(Duration.ofDays(13)));
        assertThat(WebSession.canLogIn(name, otp)).isFalse();
        WebSession s = WebSession.login(name, reset.oneTimePassword());
        leadsTo(s, "/me", "/me/account");
        // A reset ends whatever sessions the account had.
        firstRun.resetPassword(name);
        Response after = s.cookies().get("/me/account");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.header("Location")).contains("/login");
    }

    @Test
    void theDemoLogins_andPasswordsTheHoldersChose_areNotOneTime() {
        WebSession.caretaker().cookies().get("/caretaker").then().statusCode(200);
        WebSession.login("anna", "anna-demo").cookies().get("/me").then().statusCode(200);
    }

    private Instant oneTimeUntil(String username) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT one_time_until FROM account WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }
        }
    }

    private void setOneTimeUntil(String username, Instant until) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE account SET one_time_until = ? WHERE username = ?")) {
            ps.setTimestamp(1, Timestamp.from(until));
            ps.setString(2, username);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
