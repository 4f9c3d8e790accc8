package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The counter at a period boundary, as bills print it. */
class BoundaryCounterTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-10-31T23:00:00Z");

    @Test
    void aReadingAtTheBoundary_isTakenAsItIs() {
        assertThat(BoundaryCounter.at(MIDNIGHT, MIDNIGHT, 1000, "POLL", MIDNIGHT.plusSeconds(60), 1010, "POLL"))
                .isEqualTo(new BoundaryCounter(MIDNIGHT, 1000, "POLL"));
    }

    @Test
    void betweenTwoReadings_linearHalfUp_withTheNearerSourceWithinTheTolerance() {
        // 30 s before and 90 s after: 1000 + 40 × 30 / 120 = 1010.
        assertThat(BoundaryCounter.at(
                        MIDNIGHT, MIDNIGHT.minusSeconds(30), 1000, "POLL", MIDNIGHT.plusSeconds(90), 1040, "MANUAL"))
                .isEqualTo(new BoundaryCounter(MIDNIGHT, 1010, "POLL"));
        // 1000 + 3 × 1 / 2 = 1001.5 → 1002 (HALF_UP); equally near: the reading before.
        assertThat(BoundaryCounter.at(
                        MIDNIGHT, MIDNIGHT.minusSeconds(60), 1000, "POLL", MIDNIGHT.plusSeconds(60), 1003, "CSV"))
                .isEqualTo(new BoundaryCounter(MIDNIGHT, 1002, "POLL"));
        assertThat(BoundaryCounter.at(
                                MIDNIGHT,
                                MIDNIGHT.minusSeconds(100),
                                1000,
                                "POLL",
                                MIDNIGHT.plusSeconds(90),
                                1019,
                                "CSV")
                        .source())
                .isEqualTo("CSV");
    }

    @Test
    void fartherThanTheLedgersTolerance_orOneSided_isEstimated() {
        assertThat(IntervalDeriver.DEFAULT_TOLERANCE.toSeconds()).isEqualTo(90);
        assertThat(BoundaryCounter.at(
                        MIDNIGHT, MIDNIGHT.minusSeconds(91), 1000, "POLL", MIDNIGHT.plusSeconds(91), 1182, "POLL"))
                .isEqualTo(new BoundaryCounter(MIDNIGHT, 1091, BoundaryCounter.ESTIMATED));
        assertThat(BoundaryCounter.at(MIDNIGHT, MIDNIGHT.minusSeconds(10), 1000, "POLL", null, 0, null))
                .isEqualTo(new BoundaryCounter(MIDNIGHT, 1000, BoundaryCounter.ESTIMATED));
        assertThat(BoundaryCounter.at(MIDNIGHT, null, 0, null, MIDNIGHT.plusSeconds(10), 1200, "POLL"))
                .isEqualTo(new BoundaryCounter(MIDNIGHT, 1200, BoundaryCounter.ESTIMATED));
        assertThat(BoundaryCounter.at(MIDNIGHT, null, 0, null, null, 0, null)).isNull();
    }
}
