package org.hausmeter.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hausmeter.ledger.persistence.IntervalQueries;
import org.hausmeter.ledger.persistence.LedgerDerivation;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.ledger.persistence.MeterReadings;
import org.hausmeter.ledger.persistence.ReadingStore;
import org.hausmeter.support.TestMeters;
import org.junit.jupiter.api.Test;

/** Stored readings become quarter-hour energy in the database: late reads, gaps, re-derivation, anomalies, corrections. */
@QuarkusTest
class LedgerDerivationTest {

    @Inject
    LedgerDerivation derivation;

    @Inject
    ReadingStore store;

    @Inject
    IntervalQueries queries;

    @Inject
    AgroalDataSource db;

    @Inject
    MeterReadings meterReadings;

    @Test
    void meterExchange_continuesSeamlessly_fromTheOldMetersFinalToTheNewMetersFirstReading() throws Exception {
        Meter old = meter("exchange-derive");
        Instant t = Instant.parse("2025-06-05T00:00:00Z");
        store.store(List.of(
                new CounterReading(old.id, t, 900_000L, 0L, ReadingSource.POLL),
                new CounterReading(old.id, t.plusSeconds(900), 900_120L, 0L, ReadingSource.POLL)));
        Meter fresh = meterReadings.exchange(
                "hauswart", old.name, t.plusSeconds(1800), 900_250L, 0L, null, 3L, 0L, "meter replaced");
        store.store(List.of(
                new CounterReading(fresh.id, t.plusSeconds(2700), 83L, 0L, ReadingSource.POLL),
                new CounterReading(fresh.id, t.plusSeconds(3600), 203L, 0L, ReadingSource.POLL)));
        derivation.derive(old.name, t, t.plusSeconds(3600));
        List<IntervalQueries.Interval> rows = queries.intervals(old.name, t, t.plusSeconds(3600));
        assertThat(rows).extracting(IntervalQueries.Interval::importWh).containsExactly(120L, 130L, 80L, 120L);
        assertThat(rows).extracting(IntervalQueries.Interval::quality).containsOnly(IntervalQuality.MEASURED);
    }

    private static Meter meter(String prefix) {
        return TestMeters.common(prefix);
    }

    @Test
    void lateReadsAndAGap_becomeMeasuredAndEstimatedIntervals_withAnExactTotal() throws Exception {
        Meter m = meter("derive");
        Instant day = Instant.parse("2025-06-02T00:00:00Z");
        List<CounterReading> readings = new ArrayList<>();
        long counter = 5_000_000;
        for (int q = 0; q <= 96; q++) {
            if (q >= 40 && q < 48) {
                counter += 100; // meter silent 10:00-12:00: no readings, but it keeps counting
                continue;
            }
            counter += 100;
            readings.add(
                    new CounterReading(m.id, day.plusSeconds(900L * q + (q % 3) * 4), counter, 0L, ReadingSource.POLL));
        }
        store.store(readings);
        LedgerDerivation.Result r = derivation.derive(m.name, day, day.plus(Duration.ofDays(1)));
        assertThat(r.anomalies()).isEmpty();
        List<IntervalQueries.Interval> rows = queries.intervals(m.name, day, day.plus(Duration.ofDays(1)));
        assertThat(rows).hasSize(96);
        long total = rows.stream().mapToLong(IntervalQueries.Interval::importWh).sum();
        long first = readings.get(0).importWh();
        long last = readings.get(readings.size() - 1).importWh();
        assertThat(total).isEqualTo(last - first);
        assertThat(rows.stream()
                        .filter(i -> i.quality() == IntervalQuality.ESTIMATED)
                        .count())
                .isBetween(8L, 10L);
        assertThat(rows.get(0).quality()).isEqualTo(IntervalQuality.MEASURED);

        // Idempotent: the same readings give the same rows.
        derivation.derive(m.name, day, day.plus(Duration.ofDays(1)));
        assertThat(queries.intervals(m.name, day, day.plus(Duration.ofDays(1)))).isEqualTo(rows);
    }

    @Test
    void backwardStep_isFlaggedForReview_neverNegative() throws Exception {
        Meter m = meter("backward");
        Instant t = Instant.parse("2025-06-03T00:00:00Z");
        store.store(List.of(
                new CounterReading(m.id, t, 10_000L, 0L, ReadingSource.POLL),
                new CounterReading(m.id, t.plusSeconds(900), 10_200L, 0L, ReadingSource.POLL),
                new CounterReading(m.id, t.plusSeconds(1800), 9_000L, 0L, ReadingSource.POLL),
                new CounterReading(m.id, t.plusSeconds(2700), 9_150L, 0L, ReadingSource.POLL)));
        LedgerDerivation.Result r = derivation.derive(m.name, t, t.plusSeconds(2700));
        assertThat(r.anomalies()).extracting(Anomaly::kind).containsExactly(Anomaly.Kind.BACKWARD_STEP);
        assertThat(queries.intervals(m.name, t, t.plusSeconds(2700)))
                .extracting(IntervalQueries.Interval::importWh)
                .containsExactly(200L, 0L, 150L);
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT kind, size_wh FROM review_flag WHERE meter_id = ?")) {
            ps.setLong(1, m.id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("BACKWARD_STEP");
                assertThat(rs.getLong(2)).isEqualTo(-1_200L);
            }
        }
        // Deriving again finds the same flag, not a second one.
        derivation.derive(m.name, t, t.plusSeconds(2700));
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM review_flag WHERE meter_id = ?")) {
            ps.setLong(1, m.id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void caretakerCorrection_reDerivesTheAffectedIntervals() throws Exception {
        Meter m = meter("correct");
        Instant t = Instant.parse("2025-06-04T00:00:00Z");
        store.store(List.of(
                new CounterReading(m.id, t, 20_000L, 0L, ReadingSource.POLL),
                new CounterReading(m.id, t.plusSeconds(3600), 20_400L, 0L, ReadingSource.POLL)));
        derivation.derive(m.name, t, t.plusSeconds(3600));
        assertThat(queries.intervals(m.name, t, t.plusSeconds(3600)))
                .extracting(IntervalQueries.Interval::quality)
                .containsOnly(IntervalQuality.ESTIMATED);
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .contentType(ContentType.JSON)
                .body("{\"at\":\"2025-06-04T00:30:00Z\",\"importWh\":20300,\"reason\":\"read on site\"}")
                .post("/api/meters/" + m.name + "/readings")
                .then()
                .statusCode(201);
        List<IntervalQueries.Interval> after = queries.intervals(m.name, t, t.plusSeconds(3600));
        assertThat(after).extracting(IntervalQueries.Interval::importWh).containsExactly(150L, 150L, 50L, 50L);
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .queryParam("from", "2025-06-04T00:00:00Z")
                .queryParam("to", "2025-06-04T01:00:00Z")
                .get("/api/meters/" + m.name + "/intervals")
                .then()
                .statusCode(200)
                .body("importWh", org.hamcrest.Matchers.contains(150, 150, 50, 50));
    }
}
