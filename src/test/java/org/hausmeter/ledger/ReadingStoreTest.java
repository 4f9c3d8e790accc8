package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hausmeter.ledger.persistence.ReadingStore;
import org.hausmeter.support.TestMeters;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadingStoreTest {

    @Inject
    ReadingStore store;

    @Inject
    AgroalDataSource db;

    @Test
    void store_isIdempotent_andCreatesThePartitionsItNeeds() throws Exception {
        long meterId = TestMeters.create("store-test", Instant.parse("2020-01-01T00:00:00Z")).id;
        List<CounterReading> readings = new ArrayList<>();
        Instant t = Instant.parse("2020-11-30T23:45:02Z");
        for (int i = 0; i < 12_000; i++) {
            readings.add(new CounterReading(
                    meterId,
                    t.plus(Duration.ofMinutes(15L * i)),
                    1_000L + 37L * i,
                    i % 2 == 0 ? null : (long) i,
                    ReadingSource.IMPORT));
        }
        assertThat(store.store(readings)).isEqualTo(12_000);
        assertThat(store.store(readings)).as("same readings again").isZero();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*), max(import_wh), count(export_wh) FROM meter_reading WHERE meter_id = ?")) {
            ps.setLong(1, meterId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(12_000);
                assertThat(rs.getLong(2)).isEqualTo(1_000L + 37L * 11_999);
                assertThat(rs.getLong(3)).isEqualTo(6_000);
            }
        }
    }

    @Test
    void singleReading_inAMonthWithoutPartition_isStored() throws Exception {
        long meterId = TestMeters.create("store-single", Instant.parse("2018-01-01T00:00:00Z")).id;
        // One instant: the partition range [t, t + 1 ms) must still cover it (PostgreSQL keeps microseconds).
        assertThat(store.store(List.of(new CounterReading(
                        meterId, Instant.parse("2018-07-31T23:59:59.999Z"), 1L, null, ReadingSource.MANUAL))))
                .isEqualTo(1);
    }
}
