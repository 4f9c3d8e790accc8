package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypicalProfileTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static List<IntervalValue> days(LocalDate first, int count, IntervalQuality quality) {
        List<IntervalValue> rows = new ArrayList<>();
        Instant end = Intervals.dayStart(first.plusDays(count), BERLIN);
        for (Instant t = Intervals.dayStart(first, BERLIN); t.isBefore(end); t = t.plus(Duration.ofMinutes(15))) {
            int hour = t.atZone(BERLIN).getHour();
            rows.add(new IntervalValue(t, hour == 19 ? 400 : 100, hour == 12 ? 50 : 0, quality));
        }
        return rows;
    }

    @Test
    void tooLittleHistory_givesNoProfile() {
        assertThat(TypicalProfile.from(days(LocalDate.of(2025, 5, 1), 13, IntervalQuality.MEASURED), BERLIN))
                .isEmpty();
        assertThat(TypicalProfile.from(days(LocalDate.of(2025, 5, 1), 14, IntervalQuality.MEASURED), BERLIN))
                .isPresent();
        assertThat(TypicalProfile.from(days(LocalDate.of(2025, 5, 1), 3, IntervalQuality.MEASURED), BERLIN, 3))
                .isPresent();
    }

    @Test
    void estimatedRows_areNotLearnedFrom() {
        assertThat(TypicalProfile.from(days(LocalDate.of(2025, 5, 1), 30, IntervalQuality.ESTIMATED), BERLIN))
                .isEmpty();
    }

    @Test
    void weights_areMeanMilliWhPerLocalWeekdayAndQuarterHour() {
        TypicalProfile p = TypicalProfile.from(days(LocalDate.of(2025, 5, 1), 21, IntervalQuality.MEASURED), BERLIN)
                .orElseThrow();

        // 19:00 local in May is 17:00 UTC
        assertThat(p.importWeight(Instant.parse("2025-06-02T17:00:00Z"))).isEqualTo(400_000);
        assertThat(p.importWeight(Instant.parse("2025-06-02T18:00:00Z"))).isEqualTo(100_000);
        assertThat(p.exportWeight(Instant.parse("2025-06-02T10:15:00Z"))).isEqualTo(50_000);
        assertThat(p.exportWeight(Instant.parse("2025-06-02T12:15:00Z"))).isZero();
    }

    @Test
    void slotWithoutHistory_getsTheOverallMean() {
        List<IntervalValue> rows = new ArrayList<>(days(LocalDate.of(2025, 5, 5), 14, IntervalQuality.MEASURED));
        rows.removeIf(v -> v.intervalStart().atZone(BERLIN).getHour() == 3);
        TypicalProfile p = TypicalProfile.from(rows, BERLIN).orElseThrow();

        long mean = rows.stream().mapToLong(IntervalValue::importWh).sum() * 1000 / rows.size();
        assertThat(p.importWeight(Instant.parse("2025-06-02T01:30:00Z"))).isEqualTo(mean);
    }

    @Test
    void fallBackDay_bothLocalTwoOClockHoursUseTheSameSlot() {
        TypicalProfile p = TypicalProfile.from(days(LocalDate.of(2025, 10, 1), 21, IntervalQuality.MEASURED), BERLIN)
                .orElseThrow();

        assertThat(p.importWeight(Instant.parse("2025-10-26T00:15:00Z")))
                .isEqualTo(p.importWeight(Instant.parse("2025-10-26T01:15:00Z")));
        assertThat(TypicalProfile.slot(Instant.parse("2025-10-26T01:15:00Z").atZone(BERLIN)))
                .isEqualTo(6 * 96 + 9);
    }

    @Test
    void explicitWeights_areChecked() {
        assertThatThrownBy(() -> TypicalProfile.of(BERLIN, new long[3], new long[TypicalProfile.SLOTS]))
                .hasMessageContaining("[3]");
        long[] negative = new long[TypicalProfile.SLOTS];
        negative[5] = -1;
        assertThatThrownBy(() -> TypicalProfile.of(BERLIN, negative, new long[TypicalProfile.SLOTS]))
                .hasMessageContaining("[-1]");
    }
}
