package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The one home of the 900 s arithmetic and the local day and month boundaries. */
class IntervalsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void localDays_have96Or92Or100QuarterHours() {
        assertThat(Intervals.perDay(LocalDate.of(2027, 3, 27), BERLIN)).isEqualTo(96);
        assertThat(Intervals.perDay(LocalDate.of(2027, 3, 28), BERLIN)).isEqualTo(92);
        assertThat(Intervals.perDay(LocalDate.of(2027, 10, 31), BERLIN)).isEqualTo(100);
        assertThat(Intervals.dayStart(LocalDate.of(2027, 1, 1), BERLIN))
                .isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        assertThat(Intervals.monthStart(YearMonth.of(2027, 7), BERLIN))
                .isEqualTo(Instant.parse("2027-06-30T22:00:00Z"));
    }

    @Test
    void countIndexAndStart_agree() {
        Instant from = Instant.parse("2027-03-01T00:00:00Z");
        Instant to = Instant.parse("2027-03-02T00:00:00Z");
        assertThat(Intervals.count(from, to)).isEqualTo(96);
        assertThat(Intervals.count(to, from)).isZero();
        assertThat(Intervals.index(from, Instant.parse("2027-03-01T00:14:59Z"))).isZero();
        assertThat(Intervals.index(from, Instant.parse("2027-03-01T00:15:00Z"))).isEqualTo(1);
        assertThat(Intervals.index(from, Instant.parse("2027-02-28T23:59:59Z"))).isEqualTo(-1);
        assertThat(Intervals.start(from, 95)).isEqualTo(Instant.parse("2027-03-01T23:45:00Z"));
        assertThat(Intervals.end(Intervals.start(from, 95))).isEqualTo(to);
        assertThat(Intervals.floor(Instant.parse("2027-03-01T10:07:30.5Z")))
                .isEqualTo(Instant.parse("2027-03-01T10:00:00Z"));
        assertThat(Intervals.isBoundary(Instant.parse("2027-03-01T10:15:00Z"))).isTrue();
        assertThat(Intervals.isBoundary(Instant.parse("2027-03-01T10:15:00.001Z")))
                .isFalse();
    }

    @Test
    void nextCountTouchedAndLength() {
        assertThat(Intervals.next(Instant.parse("2027-03-01T10:07:30Z")))
                .isEqualTo(Instant.parse("2027-03-01T10:15:00Z"));
        assertThat(Intervals.next(Instant.parse("2027-03-01T10:15:00Z")))
                .isEqualTo(Instant.parse("2027-03-01T10:30:00Z"));
        assertThat(Intervals.next(Instant.parse("1969-12-31T23:50:00Z"))).isEqualTo(Instant.EPOCH);
        Instant from = Instant.parse("2027-03-01T00:00:00Z");
        assertThat(Intervals.countTouched(from, Instant.parse("2027-03-01T00:15:00Z")))
                .isEqualTo(1);
        assertThat(Intervals.countTouched(from, Instant.parse("2027-03-01T00:15:01Z")))
                .isEqualTo(2);
        assertThat(Intervals.count(from, Instant.parse("2027-03-01T00:15:01Z"))).isEqualTo(1);
        assertThat(Intervals.countTouched(from, from)).isZero();
        assertThat(Intervals.LENGTH).isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(Intervals.LENGTH.toMillis()).isEqualTo(Intervals.MILLIS);
    }
}
