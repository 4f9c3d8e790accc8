package org.hausmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void missingQuarterHours_breakTheLine_insteadOfDrawingZero() {
        // 96 slots (x step 10.1); values at 0, 1, a gap at 2 and 3, then 4, 5, and a lone value at 7.
        SvgChart.Lines l = SvgChart.quarterHours(96, List.of(new long[] {100, 200, -1, -1, 200, 0, -1, 50}), 3);
        String d = l.paths().get(0);
        assertThat(d).startsWith("M0.0,120.0 L10.1,0.0 M40.4,0.0 L50.5,240.0 M70.7,180.0 h");
        assertThat(d.split("M", -1)).hasSize(4);
        assertThat(l.maxW()).isEqualTo(800);
        assertThat(l.anyValue()).isTrue();
    }

    @Test
    void aSeriesWithoutAnyValue_isAnEmptyPath_andTicksEveryThreeHours() {
        SvgChart.Lines l = SvgChart.quarterHours(96, List.of(new long[] {-1, -1}, new long[0]), 3);
        assertThat(l.paths()).containsExactly("", "");
        assertThat(l.anyValue()).isFalse();
        assertThat(l.ticks())
                .extracting(SvgChart.Tick::label)
                .containsExactly("00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00");
    }

    @Test
    void tableAlternative_sumsEachHour_perSeries_andLeavesOutHoursWithoutValues() {
        long[] pv = new long[96];
        long[] use = new long[96];
        java.util.Arrays.fill(pv, -1);
        java.util.Arrays.fill(use, -1);
        pv[0] = 10;
        pv[1] = 20;
        pv[3] = 5; // slot 2 has no value: the hour is the sum of those it has
        use[4] = 100; // hour 01: consumption only
        SvgChart.Lines l = SvgChart.quarterHours(96, List.of(pv, use), 3);
        assertThat(l.hours()).extracting(SvgChart.Hour::label).containsExactly("00:00", "01:00");
        assertThat(l.hours().get(0).wh()).containsExactly(35L, -1L);
        assertThat(l.hours().get(1).of(0)).isEqualTo(-1);
        assertThat(l.hours().get(1).of(1)).isEqualTo(100);
    }

    @Test
    void sunniestHours_areRangesInTheOrderOfTheDay() {
        assertThat(KioskResource.hourRanges(List.of(12, 11, 10))).isEqualTo("10–13 h");
        assertThat(KioskResource.hourRanges(List.of(13, 9, 12))).isEqualTo("09–10 h, 12–14 h");
        assertThat(KioskResource.hourRanges(List.of(23))).isEqualTo("23–24 h");
    }
}
