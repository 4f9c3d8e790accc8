package org.hausmeter.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** When an open wall display gets today's chart and totals again. */
class TodayWatchTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    private static Kiosk.Today today(LocalDate day, long... pv) {
        long[] consumption = new long[pv.length];
        java.util.Arrays.fill(consumption, 100);
        return new Kiosk.Today(
                day, 96, pv, consumption, java.util.Arrays.stream(pv).sum(), 100L * pv.length);
    }

    @Test
    void first_isAlwaysDue_thenOnlyWhatChanged() {
        TodayWatch watch = new TodayWatch();
        assertThat(watch.due(today(DAY, 0, 10))).isTrue();
        assertThat(watch.due(today(DAY, 0, 10))).as("same quarter hours").isFalse();
        assertThat(watch.due(today(DAY, 0, 10, 20)))
                .as("a new quarter hour in the ledger")
                .isTrue();
        assertThat(watch.due(today(DAY, 0, 10, 20))).isFalse();
        assertThat(watch.due(today(DAY, 0, 15, 20)))
                .as("a quarter hour corrected")
                .isTrue();
        assertThat(watch.sent().quarterHours()).isEqualTo(3);
    }

    @Test
    void midnight_theNewDayIsDue_evenEmpty() {
        TodayWatch watch = new TodayWatch();
        assertThat(watch.due(today(DAY, 0, 0, 0))).isTrue();
        assertThat(watch.due(today(DAY.plusDays(1))))
                .as("the new day, no quarter hour yet")
                .isTrue();
        assertThat(watch.sent().day()).isEqualTo(DAY.plusDays(1));
        assertThat(watch.sent().quarterHours()).isZero();
        assertThat(watch.due(today(DAY.plusDays(1)))).isFalse();
    }
}
