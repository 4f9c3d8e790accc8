package org.hausmeter.web.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.hausmeter.accounts.Access.TenancyPeriod;
import org.hausmeter.energy.Energy;
import org.junit.jupiter.api.Test;

class ResidentFiguresTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate JUNE_10 = LocalDate.of(2026, 6, 10);
    private static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    private static List<TenancyPeriod> since(String dateTime) {
        return List.of(new TenancyPeriod(local(dateTime), null));
    }

    private static ResidentFigures figures(FakeEnergy data, List<TenancyPeriod> periods, Instant now) {
        return new ResidentFigures("A", periods, BERLIN, now, data, data);
    }

    @Test
    void total_ofANewTenant_startsAtTheMoveIn_toTheQuarterHour() {
        FakeEnergy data = new FakeEnergy(BERLIN).flat("A", JUNE_10, 100, 40);
        // Moved in at 14:00: 10 hours = 40 quarter hours of the day are theirs, the morning is the previous tenant's.
        Energy e =
                figures(data, since("2026-06-10T14:00"), LATER).total(ReportPeriod.of(ReportPeriod.Kind.DAY, JUNE_10));
        assertThat(e).isEqualTo(new Energy(40 * 100, 40 * 40, true));
        // The previous tenant, out at 14:00, sees exactly the other 56.
        List<TenancyPeriod> before = List.of(new TenancyPeriod(local("2025-01-01T00:00"), local("2026-06-10T14:00")));
        assertThat(figures(data, before, LATER)
                        .total(ReportPeriod.of(ReportPeriod.Kind.DAY, JUNE_10))
                        .wh())
                .isEqualTo(56 * 100);
    }

    @Test
    void total_endsBeforeTheRunningQuarterHour() {
        FakeEnergy data = new FakeEnergy(BERLIN).flat("A", JUNE_10, 100, 0);
        ResidentFigures f = figures(data, since("2025-01-01T00:00"), local("2026-06-10T10:07"));
        assertThat(f.total(ReportPeriod.of(ReportPeriod.Kind.DAY, JUNE_10)).wh())
                .isEqualTo(40 * 100);
        assertThat(f.total(ReportPeriod.of(ReportPeriod.Kind.MONTH, JUNE_10)).wh())
                .isEqualTo(40 * 100);
    }

    @Test
    void buckets_followTheResolution_andDstDays() {
        FakeEnergy data = new FakeEnergy(BERLIN);
        ResidentFigures f = figures(data, since("2025-01-01T00:00"), LATER);
        assertThat(f.buckets(ReportPeriod.of(ReportPeriod.Kind.MONTH, JUNE_10), Resolution.DAY))
                .hasSize(30);
        assertThat(f.buckets(ReportPeriod.of(ReportPeriod.Kind.YEAR, JUNE_10), Resolution.MONTH))
                .hasSize(12);
        assertThat(f.buckets(ReportPeriod.of(ReportPeriod.Kind.WEEK, JUNE_10), Resolution.DAY))
                .hasSize(7);
        assertThat(f.buckets(ReportPeriod.of(ReportPeriod.Kind.WEEK, JUNE_10), Resolution.HOUR))
                .hasSize(168);
        LocalDate autumn = LocalDate.of(2026, 10, 25);
        LocalDate spring = LocalDate.of(2026, 3, 29);
        assertThat(f.buckets(ReportPeriod.of(ReportPeriod.Kind.DAY, autumn), Resolution.QUARTER_HOUR))
                .hasSize(100);
        assertThat(f.buckets(ReportPeriod.of(ReportPeriod.Kind.DAY, autumn), Resolution.HOUR))
                .hasSize(25);
        assertThat(f.buckets(ReportPeriod.of(ReportPeriod.Kind.DAY, spring), Resolution.QUARTER_HOUR))
                .hasSize(92);
        assertThat(f.buckets(ReportPeriod.of(ReportPeriod.Kind.DAY, spring), Resolution.HOUR))
                .hasSize(23);
    }

    @Test
    void buckets_sumToTheTotal_andAreInvisibleOutsideTheTenancy() {
        FakeEnergy data = new FakeEnergy(BERLIN);
        for (int d = 1; d <= 30; d++) {
            data.flat("A", LocalDate.of(2026, 6, d), d, 0);
        }
        ResidentFigures f = figures(data, since("2026-06-15T00:00"), local("2026-06-20T12:00"));
        ReportPeriod june = ReportPeriod.of(ReportPeriod.Kind.MONTH, JUNE_10);
        List<ResidentFigures.Bucket> days = f.buckets(june, Resolution.DAY);
        assertThat(days.stream()
                        .filter(ResidentFigures.Bucket::visible)
                        .map(b -> b.from().atZone(BERLIN).getDayOfMonth()))
                .containsExactly(15, 16, 17, 18, 19, 20);
        assertThat(days.get(19).energy().wh()).isEqualTo(48 * 20); // the 20th until noon
        assertThat(days.stream().mapToLong(b -> b.energy().wh()).sum())
                .isEqualTo(f.total(june).wh());
        assertThat(f.total(june).wh()).isEqualTo(96L * (15 + 16 + 17 + 18 + 19) + 48 * 20);
    }

    @Test
    void compare_withLastYear_onlyWhenTheResidentLivedThere_andEveryDayHasValues() {
        LocalDate lastYear = JUNE_10.minusYears(1);
        FakeEnergy data = new FakeEnergy(BERLIN).flat("A", JUNE_10, 100, 10).flat("A", lastYear, 50, 0);
        ReportPeriod day = ReportPeriod.of(ReportPeriod.Kind.DAY, JUNE_10);
        ResidentFigures.Comparison c =
                figures(data, since("2025-01-01T00:00"), LATER).compare(day, 1);
        assertThat(c.current().wh()).isEqualTo(9600);
        assertThat(c.lastYear()).map(Energy::wh).contains(4800L);
        // Moved in this year: nothing to compare with.
        assertThat(figures(data, since("2026-01-01T00:00"), LATER)
                        .compare(day, 1)
                        .lastYear())
                .isEmpty();
        // Lived there, but the ledger has no values for that day last year.
        FakeEnergy gap = new FakeEnergy(BERLIN).flat("A", JUNE_10, 100, 10);
        assertThat(figures(gap, since("2025-01-01T00:00"), LATER)
                        .compare(day, 1)
                        .lastYear())
                .isEmpty();
    }

    @Test
    void compare_runningDay_isComparedUpToTheSameTimeLastYear() {
        LocalDate lastYear = JUNE_10.minusYears(1);
        FakeEnergy data = new FakeEnergy(BERLIN).flat("A", JUNE_10, 100, 0).flat("A", lastYear, 50, 0);
        ResidentFigures.Comparison c = figures(data, since("2025-01-01T00:00"), local("2026-06-10T06:00"))
                .compare(ReportPeriod.of(ReportPeriod.Kind.DAY, JUNE_10), 1);
        assertThat(c.current().wh()).isEqualTo(24 * 100);
        assertThat(c.lastYear()).map(Energy::wh).contains(24L * 50);
    }

    @Test
    void compare_median_isOfApartmentsWithConsumption_andNeedsEnoughOfThem() {
        FakeEnergy data = new FakeEnergy(BERLIN)
                .flat("A", JUNE_10, 100, 0)
                .flat("B", JUNE_10, 200, 0)
                .flat("C", JUNE_10, 300, 0)
                .flat("D", JUNE_10, 0, 0)
                .flat("E", JUNE_10, 400, 0);
        ReportPeriod day = ReportPeriod.of(ReportPeriod.Kind.DAY, JUNE_10);
        ResidentFigures f = figures(data, since("2025-01-01T00:00"), LATER);
        ResidentFigures.Comparison c = f.compare(day, 3);
        // D is vacant (nothing consumed): left out; the median of 100, 200, 300, 400 per quarter hour.
        assertThat(c.apartments()).isEqualTo(4);
        assertThat(c.medianWh()).hasValue(96L * 250);
        assertThat(f.compare(day, 5).medianWh()).isEmpty();
        assertThat(ResidentFigures.median(new long[] {1, 5, 7})).isEqualTo(5);
    }

    @Test
    void compare_beforeTheTenancy_hasNothingVisible() {
        FakeEnergy data = new FakeEnergy(BERLIN).flat("A", JUNE_10, 100, 0).flat("B", JUNE_10, 100, 0);
        ResidentFigures.Comparison c = figures(data, since("2026-07-01T00:00"), LATER)
                .compare(ReportPeriod.of(ReportPeriod.Kind.MONTH, JUNE_10), 1);
        assertThat(c.visible()).isFalse();
        assertThat(c.medianWh()).isEmpty();
    }

    @Test
    void heatMap_coversFiftyThreeWeeksFromAMonday_withNoValueForOtherPeoplesDays() {
        FakeEnergy data = new FakeEnergy(BERLIN).flat("A", JUNE_10, 10, 0);
        List<ResidentFigures.HeatDay> days =
                figures(data, since("2026-06-01T00:00"), LATER).heatMap(JUNE_10);
        assertThat(days.get(0).day().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(days.get(days.size() - 1).day()).isEqualTo(JUNE_10);
        assertThat(days.size()).isBetween(52 * 7 + 1, 53 * 7);
        assertThat(days.stream().filter(d -> d.energy() != null).map(ResidentFigures.HeatDay::day))
                .first()
                .isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(days.stream()
                        .filter(d -> d.day().equals(JUNE_10))
                        .findFirst()
                        .orElseThrow()
                        .energy()
                        .wh())
                .isEqualTo(960);
    }

    @Test
    void pvUnknown_isCarriedThrough() {
        FakeEnergy data = new FakeEnergy(BERLIN).flat("A", JUNE_10, 100, 0).withoutPv();
        Energy e =
                figures(data, since("2025-01-01T00:00"), LATER).total(ReportPeriod.of(ReportPeriod.Kind.WEEK, JUNE_10));
        assertThat(e.pvKnown()).isFalse();
        assertThat(e.wh()).isEqualTo(9600);
    }

    @Test
    void gridCo2_countsOnlyTheGridPart_roundedHalfUp() {
        assertThat(new Energy(1500, 500, true).gridCo2Grams(363)).isEqualTo(363);
        assertThat(new Energy(2, 0, true).gridCo2Grams(363)).isEqualTo(1); // 0.726 g
        assertThat(new Energy(1, 0, true).gridCo2Grams(363)).isZero(); // 0.363 g
        assertThat(new Energy(100, 100, true).gridCo2Grams(363)).isZero();
        assertThat(new Energy(100, 40, true).plus(new Energy(50, 0, false))).isEqualTo(new Energy(150, 40, false));
    }
}
