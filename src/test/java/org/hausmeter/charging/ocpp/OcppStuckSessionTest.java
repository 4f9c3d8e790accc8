package org.hausmeter.charging.ocpp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hausmeter.accounts.TestApartments;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.charging.CardService;
import org.hausmeter.support.Leftovers;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.Test;

/**
 * A stuck OCPP session (its StopTransaction never came): the caretaker ends it on the wallbox page with a reason at
 * the last energy value the connector reported after the start, or flagged when none came; a StopTransaction that
 * arrives later replaces that end, and it stays one session. Charge point ids start with {@code tstuck}.
 */
@QuarkusTest
class OcppStuckSessionTest {

    static final String PASSWORD = "0123456789abcdefXYZ!";

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource db;

    @Inject
    CardService cards;

    @Test
    void theCaretakerEndsAStuckSession_atTheLastValue_andALateStopWins_billedOnce() throws Exception {
        String suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String id = "tstuck-" + suffix;
        String cps = "'" + id + "%'";
        String chargerMeters = "(SELECT id FROM meter WHERE charger LIKE " + cps + ")";
        String card = String.format("04%012X", Math.abs(suffix.hashCode()) & 0xFFFFFFFFFFFFL);
        Leftovers.afterClass(List.of(
                "DELETE FROM charging_decision WHERE charger LIKE " + cps + " OR card_uid = '" + card + "'",
                "DELETE FROM ocpp_transaction WHERE charge_point LIKE " + cps,
                "DELETE FROM charging_session WHERE charger LIKE " + cps,
                "DELETE FROM ocpp_connector WHERE charge_point LIKE " + cps,
                "DELETE FROM ocpp_charge_point WHERE id LIKE " + cps,
                "DELETE FROM interval_energy WHERE meter_id IN " + chargerMeters,
                "DELETE FROM meter_reading WHERE meter_id IN " + chargerMeters,
                "DELETE FROM review_flag WHERE meter_id IN " + chargerMeters,
                "DELETE FROM meter WHERE charger LIKE " + cps,
                "DELETE FROM charging_card WHERE uid = '" + card + "'"));
        TestApartments.Flat flat = TestApartments.create("ST", Instant.parse("2025-01-01T00:00:00Z"), null);
        Account resident = TestApartments.resident("stuck");
        TestApartments.tenancy(flat, resident, Instant.parse("2025-08-31T22:00:00Z"), null);
        cards.register(card, resident.username, "stuck test", null, "test");

        try (OcppSimulator first = OcppSimulator.connect(base, id, null)) {
            first.boot();
        }
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .contentType(ContentType.JSON)
                .body(Map.of("password", PASSWORD))
                .post("/api/ocpp/charge-points/" + id + "/accept")
                .then()
                .statusCode(200);
        WebSession caretaker = WebSession.caretaker();
        try (OcppSimulator cp = OcppSimulator.connect(base, id, PASSWORD)) {
            assertThat(cp.boot().get("status").asText()).isEqualTo("Accepted");
            int tx = cp.start(1, card, 50_000, "2025-09-10T18:00:00Z")
                    .get("transactionId")
                    .asInt();
            cp.meterValues(1, tx, "2025-09-10T18:15:00Z", 52_500, 11_000);
            cp.meterValues(1, tx, "2025-09-10T18:30:00Z", 55_000, 11_000);
            long session = sessionOf(tx);

            String page = caretaker.cookies().get("/caretaker/charge-points").asString();
            assertThat(page).contains("action=\"/caretaker/charge-points/sessions/" + session + "/end\"");

            caretaker
                    .form()
                    .post("/caretaker/charge-points/sessions/" + session + "/end")
                    .then()
                    .statusCode(400);
            Response ended = caretaker
                    .form()
                    .formParam("reason", "wallbox removed by the electrician")
                    .post("/caretaker/charge-points/sessions/" + session + "/end");
            assertThat(ended.statusCode()).isEqualTo(303);
            assertThat(caretaker.follow(ended).asString()).contains("beendet beim letzten gemeldeten Zählerstand");
            assertThat(row(session)).isEqualTo("CLOSED|55000|2025-09-10T18:30:00Z|CARETAKER|null");
            assertThat(scalar("SELECT count(*) FROM audit_event WHERE action = 'ocpp.session.end' AND subject = "
                            + "'charging-session:" + session + "' AND reason = 'wallbox removed by the electrician'"))
                    .isEqualTo(1);
            assertThat(caretaker.cookies().get("/caretaker/charge-points").asString())
                    .doesNotContain("/caretaker/charge-points/sessions/" + session + "/end");
            caretaker
                    .form()
                    .formParam("reason", "again")
                    .post("/caretaker/charge-points/sessions/" + session + "/end")
                    .then()
                    .statusCode(409);

            // The wallbox comes back and sends its stop: the real stop wins, and it is still one session.
            cp.stop(tx, 57_000, "2025-09-10T19:00:00Z", "EVDisconnected");
            assertThat(row(session)).isEqualTo("CLOSED|57000|2025-09-10T19:00:00Z|UNPLUGGED|null");
            assertThat(scalar("SELECT count(*) FROM charging_session WHERE charger = '" + id + "'"))
                    .isEqualTo(1);
            cp.stop(tx, 58_000, "2025-09-10T19:30:00Z", "Local");
            assertThat(row(session)).as("a repeated stop changes nothing").startsWith("CLOSED|57000|");

            // No value after the start: ended at the start, flagged for review.
            int tx2 = cp.start(1, card, 57_000, "2025-09-11T08:00:00Z")
                    .get("transactionId")
                    .asInt();
            long session2 = sessionOf(tx2);
            caretaker
                    .form()
                    .formParam("reason", "wallbox gone")
                    .post("/caretaker/charge-points/sessions/" + session2 + "/end")
                    .then()
                    .statusCode(303);
            assertThat(row(session2)).startsWith("FLAGGED|57000|2025-09-11T08:00:00Z|CARETAKER|");
            assertThat(row(session2)).contains("no energy value came after the start");
        }
    }

    @Test
    void aSessionWithSignedMeterValues_isMarkedSigned_onTheResidentsChargingPage() throws Exception {
        String suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String id = "tstuck-s" + suffix;
        String cps = "'" + id + "%'";
        String chargerMeters = "(SELECT id FROM meter WHERE charger LIKE " + cps + ")";
        String card = String.format("05%012X", Math.abs(suffix.hashCode()) & 0xFFFFFFFFFFFFL);
        Leftovers.afterClass(List.of(
                "DELETE FROM charging_decision WHERE charger LIKE " + cps + " OR card_uid = '" + card + "'",
                "DELETE FROM ocpp_transaction WHERE charge_point LIKE " + cps,
                "DELETE FROM charging_session WHERE charger LIKE " + cps,
                "DELETE FROM ocpp_connector WHERE charge_point LIKE " + cps,
                "DELETE FROM ocpp_charge_point WHERE id LIKE " + cps,
                "DELETE FROM interval_energy WHERE meter_id IN " + chargerMeters,
                "DELETE FROM meter_reading WHERE meter_id IN " + chargerMeters,
                "DELETE FROM review_flag WHERE meter_id IN " + chargerMeters,
                "DELETE FROM meter WHERE charger LIKE " + cps,
                "DELETE FROM charging_card WHERE uid = '" + card + "'"));
        TestApartments.Flat flat = TestApartments.create("SS", Instant.parse("2025-01-01T00:00:00Z"), null);
        Account resident = TestApartments.resident("signd");
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            Account a = Account.findByUsername(resident.username).orElseThrow();
            a.passwordHash = org.hausmeter.accounts.PasswordHasher.hash("a long password", 4);
            a.locale = "de";
        });
        TestApartments.tenancy(flat, resident, Instant.parse("2025-08-31T22:00:00Z"), null);
        cards.register(card, resident.username, "signed test", null, "test");
        try (OcppSimulator first = OcppSimulator.connect(base, id, null)) {
            first.boot();
        }
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .contentType(ContentType.JSON)
                .body(Map.of("password", PASSWORD))
                .post("/api/ocpp/charge-points/" + id + "/accept")
                .then()
                .statusCode(200);
        try (OcppSimulator cp = OcppSimulator.connect(base, id, PASSWORD)) {
            cp.boot();
            int signedTx = cp.start(1, card, 10_000, "2025-09-12T18:00:00Z")
                    .get("transactionId")
                    .asInt();
            cp.stop(
                    signedTx,
                    14_000,
                    "2025-09-12T19:00:00Z",
                    "Local",
                    OcppSimulator.signedValue("2025-09-12T19:00:00Z", "OCMF|{\"FV\":\"1.0\"}|{\"SA\":\"ECDSA\"}"));
            int plainTx = cp.start(1, card, 14_000, "2025-09-13T18:00:00Z")
                    .get("transactionId")
                    .asInt();
            cp.stop(plainTx, 15_000, "2025-09-13T19:00:00Z", "Local");
        }
        String page = WebSession.login(resident.username, "a long password")
                .cookies()
                .get("/me/charging")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page.split("class=\"badge signed\"", -1))
                .as("one signed session of two")
                .hasSize(2);
        assertThat(page).contains(">signiert</span>");
    }

    private long sessionOf(int tx) throws SQLException {
        return scalar("SELECT session_id FROM ocpp_transaction WHERE id = " + tx);
    }

    private String row(long session) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT status, end_wh, ended_at, end_reason, flag_reason"
                        + " FROM charging_session WHERE id = ?")) {
            ps.setLong(1, session);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + "|" + rs.getLong(2) + "|"
                        + rs.getTimestamp(3).toInstant() + "|" + rs.getString(4) + "|" + rs.getString(5);
            }
        }
    }

    private long scalar(String sql) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
