package org.hausmeter.web.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.hausmeter.accounts.Access.TenancyPeriod;
import org.hausmeter.energy.Energy;
import org.hausmeter.web.resident.ComparisonRules.Reason;
import org.junit.jupiter.api.Test;

/** Last year is compared only where both sides have data; otherwise the true reason. */
class ComparisonRulesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    private static List<ComparisonRules.Span> span(String from, String to) {
        return List.of(new ComparisonRules.Span(at(from), at(to)));
    }

    private static List<TenancyPeriod> since(String local) {
        return List.of(new TenancyPeriod(at(local), null));
    }

    /** 100 Wh per hour wherever asked. */
    private static final BiFunction<Instant, Instant, Energy> HUNDRED_PER_HOUR =
            (f, t) -> new Energy((t.getEpochSecond() - f.getEpochSecond()) / 36, 0, false);

    @Test
    void comparable_whenTheResidentLivedThere_andEveryDayHasReadings() {
        ComparisonRules.LastYear r = ComparisonRules.lastYear(
                span("2026-06-01T00:00", "2026-07-01T00:00"),
                since("2020-01-01T00:00"),
                BERLIN,
                d -> true,
                HUNDRED_PER_HOUR);
        assertThat(r.reason()).isEqualTo(Reason.COMPARABLE);
        assertThat(r.comparable()).map(Energy::wh).contains(30L * 24 * 100);
        assertThat(r.days()).isEqualTo(30);
    }

    @Test
    void noReadings_isTheReason_forALongTenancyWithoutLastYearsData() {
        // The tenancy started long before: never blame the move-in for missing readings.
        ComparisonRules.LastYear week = ComparisonRules.lastYear(
                span("2026-11-16T00:00", "2026-11-20T10:00"),
                since("2019-03-01T00:00"),
                BERLIN,
                d -> false,
                (f, t) -> Energy.NONE);
        assertThat(week.reason()).isEqualTo(Reason.NO_READINGS);
        assertThat(week.comparable()).isEmpty();
        assertThat(week.days()).isEqualTo(5);
        assertThat(week.moveIn()).isNull();
    }

    @Test
    void someReadings_saysHowManyDaysHaveThem() {
        Set<LocalDate> withData = Set.of(LocalDate.of(2025, 6, 20), LocalDate.of(2025, 6, 21));
        ComparisonRules.LastYear r = ComparisonRules.lastYear(
                span("2026-06-01T00:00", "2026-07-01T00:00"),
                since("2019-03-01T00:00"),
                BERLIN,
                withData::contains,
                HUNDRED_PER_HOUR);
        assertThat(r.reason()).isEqualTo(Reason.SOME_READINGS);
        assertThat(r.daysWithReadings()).isEqualTo(2);
        assertThat(r.days()).isEqualTo(30);
    }

    @Test
    void aRunningDayWithReadings_butNothingInTheComparedHours_isNoReadings() {
        // "last year 0.0 kWh — 100 % less than you" must not happen.
        ComparisonRules.LastYear r = ComparisonRules.lastYear(
                span("2026-11-20T00:00", "2026-11-20T10:00"),
                since("2019-03-01T00:00"),
                BERLIN,
                d -> true,
                (f, t) -> Energy.NONE);
        assertThat(r.reason()).isEqualTo(Reason.NO_READINGS);
        assertThat(r.comparable()).isEmpty();
    }

    @Test
    void movedIn_duringLastYearsPeriod_namesTheMoveIn() {
        // Year 2026 shown; the tenancy began on 1 March 2025, inside last year's window.
        ComparisonRules.LastYear r = ComparisonRules.lastYear(
                span("2026-01-01T00:00", "2026-11-20T10:00"),
                since("2025-03-01T00:00"),
                BERLIN,
                d -> true,
                HUNDRED_PER_HOUR);
        assertThat(r.reason()).isEqualTo(Reason.MOVED_IN_DURING);
        assertThat(r.moveIn()).isEqualTo(at("2025-03-01T00:00"));
    }

    @Test
    void movedIn_afterLastYearsPeriod_namesTheMoveIn_evenWhenTheLedgerHasData() {
        ComparisonRules.LastYear r = ComparisonRules.lastYear(
                span("2026-06-01T00:00", "2026-07-01T00:00"),
                since("2026-03-01T00:00"),
                BERLIN,
                d -> true,
                HUNDRED_PER_HOUR);
        assertThat(r.reason()).isEqualTo(Reason.MOVED_IN_LATER);
        assertThat(r.moveIn()).isEqualTo(at("2026-03-01T00:00"));
    }

    @Test
    void adjoiningTenancies_countAsOne_andAGap_namesTheMoveInAfterIt() {
        List<TenancyPeriod> joined = List.of(
                new TenancyPeriod(at("2019-01-01T00:00"), at("2025-06-10T00:00")),
                new TenancyPeriod(at("2025-06-10T00:00"), null));
        assertThat(ComparisonRules.lastYear(
                                span("2026-06-01T00:00", "2026-07-01T00:00"),
                                joined,
                                BERLIN,
                                d -> true,
                                HUNDRED_PER_HOUR)
                        .reason())
                .isEqualTo(Reason.COMPARABLE);
        List<TenancyPeriod> gap = List.of(
                new TenancyPeriod(at("2019-01-01T00:00"), at("2025-05-01T00:00")),
                new TenancyPeriod(at("2025-08-01T00:00"), null));
        ComparisonRules.LastYear r = ComparisonRules.lastYear(
                span("2026-06-01T00:00", "2026-07-01T00:00"), gap, BERLIN, d -> true, HUNDRED_PER_HOUR);
        assertThat(r.reason()).isEqualTo(Reason.MOVED_IN_LATER);
        assertThat(r.moveIn()).isEqualTo(at("2025-08-01T00:00"));
    }

    @Test
    void twoWindowsOnOneDay_countTheDayOnce() {
        List<ComparisonRules.Span> two = List.of(
                new ComparisonRules.Span(at("2026-06-10T00:00"), at("2026-06-10T08:00")),
                new ComparisonRules.Span(at("2026-06-10T12:00"), at("2026-06-11T00:00")));
        ComparisonRules.LastYear r =
                ComparisonRules.lastYear(two, since("2019-01-01T00:00"), BERLIN, d -> true, HUNDRED_PER_HOUR);
        assertThat(r.days()).isEqualTo(1);
        assertThat(r.comparable()).map(Energy::wh).contains(20L * 100);
    }
}
