package org.hausmeter.bus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.hausmeter.bus.sim.SimulatedHistory;
import org.hausmeter.ledger.persistence.ReadingStore;
import org.junit.jupiter.api.Test;

/** The server polls the (simulated) demo building and stores counter readings in the ledger. */
@QuarkusTest
class PollingServiceTest {

    @Inject
    PollingService polling;

    @Inject
    ReadingStore store;

    @Inject
    AgroalDataSource db;

    @Inject
    java.time.Clock clock;

    @Test
    void quarterHourCycle_storesAReadingOfEveryMeter() throws Exception {
        assertThat(polling.pollers()).containsKeys("rtu0", "rtu1", "pv-gw", "garage");
        java.time.Instant before = clock.instant();
        int stored = polling.runCycle();
        assertThat(stored).isEqualTo(17);
        assertThat(polling.lastCycles()).hasSize(4);
        polling.lastCycles()
                .values()
                .forEach(c -> assertThat(c.answered()).as(c.bus()).isEqualTo(c.meters()));
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT meter_id) FROM meter_reading"
                        + " WHERE source = 'POLL' AND read_at >= ?")) {
            // The server's clock, not the database's: tests live on the pinned day (TestTime).
            ps.setTimestamp(1, java.sql.Timestamp.from(before.minusSeconds(1)));
            ResultSet rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(17);
        }
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("hausmeter_meter_reads_total{bus=\"rtu0\",meter=\"apt-0.1\"}"))
                .body(containsString("hausmeter_meter_failures_total{bus=\"rtu0\",kind=\"TIMEOUT\",meter=\"apt-0.1\"}"))
                .body(containsString("hausmeter_bus_cycle_seconds{bus=\"rtu0\"}"));
    }

    @Test
    void simulatedHistory_isStoredThroughTheLedger_andIdempotent() throws Exception {
        List<PolledMeter> meters = polling.pollers().values().stream()
                .flatMap(p -> p.meters().stream())
                .toList();
        Instant from = Instant.parse("2025-03-29T23:00:00Z");
        Instant to = Instant.parse("2025-03-30T22:00:00Z"); // 30 March 2025 in Berlin: 92 quarter hours
        long stored =
                SimulatedHistory.generate(polling.simulator().orElseThrow().building(), meters, from, to, store);
        assertThat(stored).isEqualTo(92L * 17);
        assertThat(SimulatedHistory.generate(polling.simulator().orElseThrow().building(), meters, from, to, store))
                .isZero();
    }
}
