package org.hausmeter.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import org.hausmeter.ledger.persistence.LedgerChecks;
import org.hausmeter.ledger.persistence.LedgerDerivation;
import org.hausmeter.ledger.persistence.Meter;
import org.junit.jupiter.api.Test;

/**
 * The energy balance on the simulated building: grid import − export + PV equals the consumers on a
 * healthy day (to the resolution of the coarsest registers); with one apartment meter counting only half, the day is flagged with the size
 * of the mismatch.
 */
@QuarkusTest
class BalanceCheckTest {

    @jakarta.inject.Inject
    org.hausmeter.support.DemoHistory history;

    @Inject
    LedgerDerivation derivation;

    @Inject
    LedgerChecks checks;

    @Inject
    AgroalDataSource db;

    @Test
    void healthyDay_balances_andAFaultyMeter_isFlaggedWithTheMismatch() throws Exception {
        // 12 and 13 August 2025, Berlin.
        history.days(LocalDate.of(2025, 8, 12), LocalDate.of(2025, 8, 13));
        Instant to = Instant.parse("2025-08-13T22:15:00Z"); // the last reading: one quarter hour after the 13th

        EnergyBalance.Report healthy = checks.balance(LocalDate.of(2025, 8, 12), LocalDate.of(2025, 8, 14));
        assertThat(healthy.days()).hasSize(2);
        healthy.days().forEach(d -> {
            // Exact but for the registers' resolution at the day's two ends: ABB grid meter 10 Wh, EM24 charger 100 Wh.
            assertThat(Math.abs(d.mismatchWh())).as(d.day().toString()).isLessThanOrEqualTo(2 * (5 + 50));
            assertThat(d.flagged()).isFalse();
            assertThat(d.consumptionWh()).isPositive();
        });

        // apt-2.2's meter undercounts by half on 13 August: every counter value after 00:00 local loses half its
        // increase.
        long meterId = QuarkusTransaction.requiringNew()
                .call(() -> Meter.installed("apt-2.2").orElseThrow().id);
        Instant faultFrom = Instant.parse("2025-08-12T22:00:00Z");
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE meter_reading r SET import_wh = b.import_wh"
                        + " + (r.import_wh - b.import_wh) / 2 FROM (SELECT import_wh FROM meter_reading WHERE meter_id = ?"
                        + " AND read_at = ?) b WHERE r.meter_id = ? AND r.read_at > ? AND r.read_at <= ?")) {
            ps.setLong(1, meterId);
            ps.setTimestamp(2, java.sql.Timestamp.from(faultFrom));
            ps.setLong(3, meterId);
            ps.setTimestamp(4, java.sql.Timestamp.from(faultFrom));
            ps.setTimestamp(5, java.sql.Timestamp.from(to));
            assertThat(ps.executeUpdate()).isGreaterThan(90);
        }
        derivation.derive("apt-2.2", Instant.parse("2025-08-11T22:00:00Z"), Instant.parse("2025-08-13T22:00:00Z"));
        EnergyBalance.Report faulty = checks.balance(LocalDate.of(2025, 8, 12), LocalDate.of(2025, 8, 14));
        EnergyBalance.DayBalance day13 = faulty.days().get(1);
        assertThat(faulty.days().get(0).flagged()).isFalse();
        assertThat(day13.flagged()).isTrue();
        assertThat(day13.mismatchWh())
                .as("supply exceeds what the consumers' meters counted")
                .isPositive();
        assertThat(day13.mismatchWh() - healthy.days().get(1).mismatchWh())
                .isEqualTo(healthy.days().get(1).consumptionWh() - day13.consumptionWh());

        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .when()
                .get("/api/ledger/review-flags")
                .then()
                .statusCode(200)
                .body("kind", hasItem("BALANCE_MISMATCH"));
    }
}
