package org.hausmeter.web.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void of_namesThePeriodContainingTheDate_weeksStartOnMonday() {
        LocalDate thursday = LocalDate.of(2026, 11, 19);
        assertThat(ReportPeriod.of(ReportPeriod.Kind.DAY, thursday).first()).isEqualTo(thursday);
        assertThat(ReportPeriod.of(ReportPeriod.Kind.WEEK, thursday).first()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(ReportPeriod.of(ReportPeriod.Kind.WEEK, LocalDate.of(2026, 11, 16))
                        .first())
                .isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(ReportPeriod.of(ReportPeriod.Kind.WEEK, LocalDate.of(2026, 11, 22))
                        .first())
                .isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(ReportPeriod.of(ReportPeriod.Kind.MONTH, thursday).first()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(ReportPeriod.of(ReportPeriod.Kind.YEAR, thursday).first()).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void endAndNeighbours_areHalfOpenAndAdjacent() {
        ReportPeriod feb = ReportPeriod.of(ReportPeriod.Kind.MONTH, LocalDate.of(2028, 2, 10));
        assertThat(feb.end()).isEqualTo(LocalDate.of(2028, 3, 1));
        assertThat(feb.last()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(feb.previous().first()).isEqualTo(LocalDate.of(2028, 1, 1));
        assertThat(feb.next().first()).isEqualTo(feb.end());
        assertThat(feb.contains(LocalDate.of(2028, 2, 29))).isTrue();
        assertThat(feb.contains(LocalDate.of(2028, 3, 1))).isFalse();
    }

    @Test
    void dstEndDay_has25Hours_andTheWeekAroundIt169() {
        ReportPeriod day = ReportPeriod.of(ReportPeriod.Kind.DAY, LocalDate.of(2026, 10, 25));
        assertThat(Duration.between(day.from(BERLIN), day.to(BERLIN)).toHours()).isEqualTo(25);
        ReportPeriod week = ReportPeriod.of(ReportPeriod.Kind.WEEK, LocalDate.of(2026, 10, 25));
        assertThat(Duration.between(week.from(BERLIN), week.to(BERLIN)).toHours())
                .isEqualTo(169);
    }

    @Test
    void resolutionOr_keepsAllowedResolutions_andFallsBackToTheDefault() {
        ReportPeriod day = ReportPeriod.of(ReportPeriod.Kind.DAY, LocalDate.of(2026, 6, 10));
        assertThat(day.resolutionOr(Resolution.HOUR)).isEqualTo(Resolution.HOUR);
        assertThat(day.resolutionOr(Resolution.MONTH)).isEqualTo(Resolution.QUARTER_HOUR);
        assertThat(day.resolutionOr(null)).isEqualTo(Resolution.QUARTER_HOUR);
        ReportPeriod year = ReportPeriod.of(ReportPeriod.Kind.YEAR, LocalDate.of(2026, 6, 10));
        assertThat(year.resolutionOr(Resolution.QUARTER_HOUR)).isEqualTo(Resolution.MONTH);
    }

    @Test
    void queryValues_roundTrip() {
        for (ReportPeriod.Kind k : ReportPeriod.Kind.values()) {
            assertThat(ReportPeriod.Kind.ofParam(k.param())).contains(k);
        }
        for (Resolution r : Resolution.values()) {
            assertThat(Resolution.ofParam(r.param())).contains(r);
        }
        assertThat(ReportPeriod.Kind.ofParam("decade")).isEmpty();
        assertThat(Resolution.ofParam("minute")).isEmpty();
    }
}
