package org.hausmeter.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.support.TestMeters;
import org.junit.jupiter.api.Test;

/** Caretaker changes to readings: entered, corrected, refused when counters would go backwards, exchanged; all audited. */
@QuarkusTest
class MeterReadingResourceTest {

    @Inject
    AgroalDataSource db;

    private static String meter(String prefix) {
        return TestMeters.common(prefix).name;
    }

    private static RequestSpecification caretaker() {
        return given().auth().preemptive().basic("hauswart", "hauswart-demo").contentType(ContentType.JSON);
    }

    @Test
    void manualReading_isEntered_corrected_andAudited() throws Exception {
        String meter = meter("manual");
        String at = "2024-02-10T08:00:00Z";
        caretaker()
                .body("{\"at\":\"" + at + "\",\"importWh\":500000,\"reason\":\"photo of the display\"}")
                .post("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(201);
        caretaker()
                .body("{\"at\":\"" + at + "\",\"importWh\":500100,\"reason\":\"typo: 500.1 kWh\"}")
                .post("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(200);
        caretaker()
                .queryParam("from", "2024-02-10T00:00:00Z")
                .queryParam("to", "2024-02-11T00:00:00Z")
                .get("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].importWh", equalTo(500100))
                .body("[0].source", equalTo("MANUAL"));
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT actor, action, before->>'importWh', after->>'importWh', reason"
                                + " FROM audit_event WHERE subject = 'meter:' || ? AND action = 'reading.correct' ORDER BY id DESC LIMIT 1");
                ResultSet rs = query(ps, meter)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("hauswart");
            assertThat(rs.getString(3)).isEqualTo("500000");
            assertThat(rs.getString(4)).isEqualTo("500100");
            assertThat(rs.getString(5)).isEqualTo("typo: 500.1 kWh");
        }
    }

    private static ResultSet query(PreparedStatement ps, String meter) throws java.sql.SQLException {
        ps.setString(1, meter);
        return ps.executeQuery();
    }

    @Test
    void readingThatWouldGoBackwards_orWithoutReason_isRefused() {
        String meter = meter("backwards");
        caretaker()
                .body("{\"at\":\"2024-03-01T00:00:00Z\",\"importWh\":700000,\"reason\":\"monthly\"}")
                .post("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(201);
        caretaker()
                .body("{\"at\":\"2024-03-02T00:00:00Z\",\"importWh\":699000,\"reason\":\"monthly\"}")
                .post("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(400)
                .body("error", containsString("Counter would go backwards"))
                .body("error", containsString("[2024-03-01T00:00:00Z]"));
        // Before the meter's installation (1 January 2024, 01:00 in Berlin): 400, worded as in an import.
        caretaker()
                .body("{\"at\":\"2023-12-31T00:00:00Z\",\"importWh\":600000,\"reason\":\"history\"}")
                .post("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(400)
                .body(
                        "error",
                        containsString("Reading at [2023-12-31 01:00] is before meter [" + meter
                                + "] was installed on [2024-01-01 01:00]"));
        caretaker()
                .body("{\"at\":\"2024-03-03T00:00:00Z\",\"importWh\":701000}")
                .post("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(400)
                .body("error", containsString("reason"));
        caretaker()
                .body("{\"at\":\"2024-03-03T00:00:00Z\",\"importWh\":701000,\"reason\":\"x\"}")
                .post("/api/meters/no-such-meter/readings")
                .then()
                .statusCode(404);
        given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .contentType(ContentType.JSON)
                .body("{\"at\":\"2024-03-03T00:00:00Z\",\"importWh\":701000,\"reason\":\"x\"}")
                .post("/api/meters/apt-0.1/readings")
                .then()
                .statusCode(403);
    }

    @Test
    void meterExchange_removesTheOldMeter_andTheNewOneTakesItsPlace() {
        String meter = meter("exchange");
        long oldId = QuarkusTransaction.requiringNew()
                .call(() -> Meter.installed(meter).orElseThrow().id);
        caretaker()
                .body("{\"at\":\"2024-05-01T09:00:00Z\",\"importWh\":1200000,\"reason\":\"before\"}")
                .post("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(201);
        caretaker()
                .body("{\"at\":\"2024-05-01T10:00:00Z\",\"oldFinalImportWh\":1200400,\"oldFinalExportWh\":0,"
                        + "\"newModel\":\"eastron-sdm72d-m\",\"newFirstImportWh\":12,\"newFirstExportWh\":0,"
                        + "\"reason\":\"display broken\"}")
                .post("/api/meters/" + meter + "/exchange")
                .then()
                .statusCode(200)
                .body("name", equalTo(meter))
                .body("model", equalTo("eastron-sdm72d-m"))
                .body("replacesMeterId", equalTo((int) oldId));
        Meter fresh = QuarkusTransaction.requiringNew()
                .call(() -> Meter.installed(meter).orElseThrow());
        assertThat(fresh.id).isNotEqualTo(oldId);
        assertThat(fresh.installedAt).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        Meter old = QuarkusTransaction.requiringNew().call(() -> Meter.<Meter>findById(oldId));
        assertThat(old.removedAt).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        caretaker()
                .queryParam("from", "2024-05-01T00:00:00Z")
                .queryParam("to", "2024-05-02T00:00:00Z")
                .get("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(200)
                .body("source", org.hamcrest.Matchers.contains("MANUAL", "EXCHANGE", "EXCHANGE"))
                .body("importWh", org.hamcrest.Matchers.contains(1200000, 1200400, 12));
        // A final reading below the old meter's last reading is refused.
        caretaker()
                .body("{\"at\":\"2024-06-01T10:00:00Z\",\"oldFinalImportWh\":1,\"newFirstImportWh\":0,"
                        + "\"reason\":\"again\"}")
                .post("/api/meters/" + meter + "/exchange")
                .then()
                .statusCode(400);
    }

    @Test
    void installationDate_canBeMovedBack_forHistory_butNotPastStoredValues() {
        String meter = meter("installed");
        // Installed 1 January 2024 (TestMeters): a reading in 2023 is refused, dated back it is accepted.
        caretaker()
                .body("{\"at\":\"2023-06-01T00:00:00Z\",\"importWh\":100000,\"reason\":\"history\"}")
                .post("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(400)
                .body("error", containsString("is before meter [" + meter + "] was installed on [2024-01-01 01:00]"));
        // A mistyped year in the future: refused like an import, no partition for it.
        caretaker()
                .body("{\"at\":\"9999-06-01T00:00:00Z\",\"importWh\":100000,\"reason\":\"typo\"}")
                .post("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(400)
                .body("error", containsString("Reading at [9999-06-01 02:00] is outside the accepted period"));
        caretaker()
                .body("{\"installedAt\":\"2023-01-01T00:00:00Z\"}")
                .put("/api/meters/" + meter + "/installed")
                .then()
                .statusCode(400)
                .body("error", containsString("reason"));
        caretaker()
                .body("{\"installedAt\":\"2023-01-01T00:00:00Z\",\"reason\":\"old paper records\"}")
                .put("/api/meters/" + meter + "/installed")
                .then()
                .statusCode(200);
        caretaker()
                .body("{\"at\":\"2023-06-01T00:00:00Z\",\"importWh\":100000,\"reason\":\"history\"}")
                .post("/api/meters/" + meter + "/readings")
                .then()
                .statusCode(201);
        caretaker()
                .body("{\"installedAt\":\"2023-07-01T00:00:00Z\",\"reason\":\"later\"}")
                .put("/api/meters/" + meter + "/installed")
                .then()
                .statusCode(400)
                .body("error", containsString("has values before"));
        caretaker()
                .body("{\"installedAt\":\"2023-07-01T00:00:00Z\",\"reason\":\"x\"}")
                .put("/api/meters/no-such-meter/installed")
                .then()
                .statusCode(404);
    }
}
