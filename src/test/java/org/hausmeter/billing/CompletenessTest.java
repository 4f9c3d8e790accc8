package org.hausmeter.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;
import org.hausmeter.ledger.Intervals;
import org.junit.jupiter.api.Test;

/** The days a period lacks data, grouped, and the flag's sentence; on DST days of 100 and 92 quarter hours. */
class CompletenessTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Instant day(int y, int m, int d) {
        return Intervals.dayStart(LocalDate.of(y, m, d), BERLIN);
    }

    /** Marks the quarter hours of local days [first, last] missing in a period starting at {@code from}. */
    static void missDays(BitSet missing, Instant from, LocalDate first, LocalDate last) {
        int off = Math.toIntExact(Intervals.index(from, Intervals.dayStart(first, BERLIN)));
        int end = Math.toIntExact(Intervals.index(from, Intervals.dayStart(last.plusDays(1), BERLIN)));
        missing.set(off, end);
    }

    @Test
    void octoberWithTheDstEndMissing_countsItsHundredQuarterHours_andGroupsConsecutiveDays() {
        Instant from = day(2026, 10, 1);
        Instant to = day(2026, 11, 1);
        assertThat(Intervals.count(from, to)).isEqualTo(2980);
        BitSet missing = new BitSet();
        missDays(missing, from, LocalDate.of(2026, 10, 24), LocalDate.of(2026, 10, 26));
        // Two quarter hours of the 30th.
        int off30 = Math.toIntExact(Intervals.index(from, day(2026, 10, 30)));
        missing.set(off30 + 40, off30 + 42);

        List<BillContent.Gap> gaps = Completeness.gaps(from, to, BERLIN, missing);

        assertThat(gaps)
                .containsExactly(
                        new BillContent.Gap(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 10, 26), 292, 292),
                        new BillContent.Gap(LocalDate.of(2026, 10, 30), LocalDate.of(2026, 10, 30), 2, 96));
        assertThat(gaps.get(0).whole()).isTrue();
        assertThat(gaps.get(1).whole()).isFalse();
        assertThat(Completeness.describe(gaps))
                .isEqualTo("No energy data for 24–26 Oct and 30 Oct 2026 (2 of 96 quarter hours)");
    }

    @Test
    void theDstStartDay_hasNinetyTwoQuarterHours_andAPeriodCutToATenancyIsDescribedAlone() {
        // A tenancy from 15 March: the 29th (DST start) half missing.
        Instant from = day(2026, 3, 15);
        Instant to = day(2026, 4, 1);
        BitSet missing = new BitSet();
        int off = Math.toIntExact(Intervals.index(from, day(2026, 3, 29)));
        missing.set(off, off + 46);

        List<BillContent.Gap> gaps = Completeness.gaps(from, to, BERLIN, missing);

        assertThat(gaps)
                .containsExactly(new BillContent.Gap(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 29), 46, 92));
        assertThat(Completeness.describe(gaps)).isEqualTo("No energy data for 29 Mar 2026 (46 of 92 quarter hours)");
    }

    @Test
    void completeData_hasNoGaps_andAMissingLastDayEndsTheList() {
        Instant from = day(2025, 2, 1);
        Instant to = day(2025, 3, 1);
        assertThat(Completeness.gaps(from, to, BERLIN, new BitSet())).isEmpty();
        BitSet missing = new BitSet();
        missDays(missing, from, LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 1));
        missDays(missing, from, LocalDate.of(2025, 2, 27), LocalDate.of(2025, 2, 28));
        List<BillContent.Gap> gaps = Completeness.gaps(from, to, BERLIN, missing);
        assertThat(Completeness.describe(gaps)).isEqualTo("No energy data for 1 Feb and 27–28 Feb 2025");
        List<BillContent.Gap> three = List.of(
                new BillContent.Gap(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 1), 96, 96),
                new BillContent.Gap(LocalDate.of(2025, 2, 3), LocalDate.of(2025, 2, 4), 192, 192),
                new BillContent.Gap(LocalDate.of(2025, 2, 9), LocalDate.of(2025, 2, 9), 96, 96));
        assertThat(Completeness.describe(three)).isEqualTo("No energy data for 1 Feb, 3–4 Feb and 9 Feb 2025");
    }
}
