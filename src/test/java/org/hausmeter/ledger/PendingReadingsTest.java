package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.hausmeter.ledger.persistence.ReadingStore;
import org.hausmeter.support.TestMeters;
import org.junit.jupiter.api.Test;

/** Readings waiting for the database in Redis come back unchanged, oldest first, and leave only when stored. */
@QuarkusTest
class PendingReadingsTest {

    @Inject
    PendingReadings pending;

    @Inject
    ReadingStore store;

    @Test
    void waitingReadings_roundTripThroughRedis_andAreStoredOnce() throws Exception {
        long meter = TestMeters.common("pending").id;
        List<CounterReading> readings = List.of(
                new CounterReading(meter, Instant.parse("2025-07-01T10:00:00.250Z"), 1_000L, null, ReadingSource.POLL),
                new CounterReading(meter, Instant.parse("2025-07-01T10:15:00Z"), 1_090L, 7L, ReadingSource.POLL),
                new CounterReading(meter, Instant.parse("2025-07-01T10:30:00Z"), 1_180L, 7L, ReadingSource.POLL));
        long before = pending.waiting();
        pending.add(readings);
        assertThat(pending.waiting()).isEqualTo(before + 3);
        PendingReadings.Batch batch = pending.oldest();
        assertThat(batch.readings()).endsWith(readings.toArray(new CounterReading[0]));
        assertThat(store.store(batch.readings())).isGreaterThanOrEqualTo(3);
        pending.acknowledge(batch);
        assertThat(pending.waiting()).isZero();
        assertThat(store.store(readings)).as("already stored").isZero();
    }
}
