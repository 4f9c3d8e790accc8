package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The calibration rule: 8 years for electricity meters, ending on 31 December (MessEV § 34, Anlage 7). */
class CalibrationTest {

    @Test
    void verifiedYearPlusEightEndsOnNewYearsEve() {
        Calibration c = new Calibration(2018, null);
        assertThat(c.lastValidDay()).contains(LocalDate.of(2026, 12, 31));
        assertThat(c.validOn(LocalDate.of(2026, 12, 31))).isTrue();
        assertThat(c.expiredOn(LocalDate.of(2026, 12, 31))).isFalse();
        assertThat(c.validOn(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(c.expiredOn(LocalDate.of(2027, 1, 1))).isTrue();
        // Verified on 1 January or 31 December of 2018: the same end.
        assertThat(c.validOn(LocalDate.of(2018, 1, 1))).isTrue();
    }

    @Test
    void explicitValidUntilOverridesTheComputedDay() {
        Calibration reverified = new Calibration(2010, LocalDate.of(2030, 12, 31));
        assertThat(reverified.lastValidDay()).contains(LocalDate.of(2030, 12, 31));
        assertThat(reverified.validOn(LocalDate.of(2025, 5, 1))).isTrue();
        Calibration onlyUntil = new Calibration(null, LocalDate.of(2027, 3, 15));
        assertThat(onlyUntil.expiredOn(LocalDate.of(2027, 3, 16))).isTrue();
    }

    @Test
    void unknownIsNeitherValidNorExpired() {
        assertThat(Calibration.UNKNOWN.known()).isFalse();
        assertThat(Calibration.UNKNOWN.validOn(LocalDate.of(2026, 1, 1))).isFalse();
        assertThat(Calibration.UNKNOWN.expiredOn(LocalDate.of(2026, 1, 1))).isFalse();
        assertThat(Calibration.UNKNOWN.dueWithin(LocalDate.of(2026, 1, 1), 6)).isFalse();
        assertThat(Calibration.UNKNOWN.firstExpiredDayIn(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)))
                .isEmpty();
    }

    @Test
    void dueWithinMonths() {
        Calibration c = new Calibration(2018, null); // last valid 2026-12-31
        assertThat(c.dueWithin(LocalDate.of(2026, 6, 30), 6)).isFalse(); // 6 months reach 2026-12-30
        assertThat(c.dueWithin(LocalDate.of(2026, 7, 1), 6)).isTrue(); // 6 months reach 2027-01-01
        assertThat(c.dueWithin(LocalDate.of(2026, 12, 31), 0)).isTrue();
        assertThat(c.dueWithin(LocalDate.of(2027, 1, 1), 6)).isFalse(); // expired, not due
        assertThatThrownBy(() -> c.dueWithin(LocalDate.of(2026, 1, 1), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstExpiredDayOfAPeriod() {
        Calibration c = new Calibration(null, LocalDate.of(2026, 10, 14));
        // October 2026: valid through the 14th, out of calibration from the 15th.
        assertThat(c.firstExpiredDayIn(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1)))
                .contains(LocalDate.of(2026, 10, 15));
        // A period that ends on the last valid day (to is exclusive).
        assertThat(c.firstExpiredDayIn(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 15)))
                .isEmpty();
        // A period wholly after the end.
        assertThat(c.firstExpiredDayIn(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)))
                .contains(LocalDate.of(2026, 11, 1));
        assertThat(c.firstExpiredDayIn(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1)))
                .isEmpty();
    }

    @Test
    void refusesImpossibleEntries() {
        assertThatThrownBy(() -> new Calibration(1900, null)).hasMessageContaining("1900");
        assertThatThrownBy(() -> new Calibration(2020, LocalDate.of(2019, 12, 31)))
                .hasMessageContaining("before the verification year");
    }
}
