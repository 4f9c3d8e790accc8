package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.hausmeter.ledger.EnergyBalance.DayBalance;
import org.hausmeter.ledger.EnergyBalance.MeterSeries;
import org.hausmeter.ledger.EnergyBalance.Report;
import org.junit.jupiter.api.Test;

class EnergyBalanceTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2025, 6, 18);

    final EnergyBalance balance = new EnergyBalance(BERLIN);

    /** A building whose GRID meter is exactly consumers − PV, with export when PV exceeds consumption. */
    static List<MeterSeries> building(LocalDate first, LocalDate end, long seed) {
        Random rnd = new Random(seed);
        Instant from = Intervals.dayStart(first, BERLIN);
        int n = (int) (Duration.between(from, Intervals.dayStart(end, BERLIN)).toMinutes() / 15);
        long[][] consumers = new long[4][n];
        long[] pv = new long[n];
        for (int k = 0; k < n; k++) {
            for (long[] c : consumers) {
                c[k] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(400);
            }
            pv[k] = k % 96 > 30 && k % 96 < 70 ? rnd.nextInt(2000) : 0;
        }
        List<MeterSeries> meters = new ArrayList<>();
        MeterRole[] roles = {MeterRole.APARTMENT, MeterRole.APARTMENT, MeterRole.COMMON, MeterRole.CHARGER};
        for (int m = 0; m < 4; m++) {
            long[] c = consumers[m];
            meters.add(series(m + 1, roles[m], from, n, k -> c[k], k -> 0));
        }
        meters.add(series(10, MeterRole.PV, from, n, k -> k % 96 < 20 ? 1 : 0, k -> pv[k] + (k % 96 < 20 ? 1 : 0)));
        meters.add(series(
                20,
                MeterRole.GRID,
                from,
                n,
                k -> Math.max(0, net(consumers, pv, k)),
                k -> Math.max(0, -net(consumers, pv, k))));
        return meters;
    }

    static long net(long[][] consumers, long[] pv, int k) {
        long sum = 0;
        for (long[] c : consumers) {
            sum += c[k];
        }
        return sum - pv[k];
    }

    static MeterSeries series(
            long id, MeterRole role, Instant from, int n, IntToLongFunction imp, IntToLongFunction exp) {
        List<IntervalValue> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            rows.add(new IntervalValue(
                    from.plus(Duration.ofMinutes(15L * k)),
                    imp.applyAsLong(k),
                    exp.applyAsLong(k),
                    IntervalQuality.MEASURED));
        }
        return new MeterSeries(id, role, rows);
    }

    static MeterSeries scaled(MeterSeries s, int percent) {
        return new MeterSeries(
                s.meterId(),
                s.role(),
                s.intervals().stream()
                        .map(v -> new IntervalValue(
                                v.intervalStart(), v.importWh() * percent / 100, v.exportWh(), v.quality()))
                        .toList());
    }

    @Test
    void exactBuilding_isBalancedEveryQuarterAndDay() {
        Report r = balance.check(building(DAY, DAY.plusDays(3), 1), DAY, DAY.plusDays(3));

        assertThat(r.quarters()).hasSize(3 * 96).allSatisfy(q -> {
            assertThat(q.mismatchWh()).isZero();
            assertThat(q.complete()).isTrue();
        });
        assertThat(r.days()).hasSize(3).allSatisfy(d -> {
            assertThat(d.mismatchWh()).isZero();
            assertThat(d.mismatchPercent()).isEqualByComparingTo("0");
            assertThat(d.completeQuarters()).isEqualTo(96);
        });
        assertThat(r.flaggedDays()).isEmpty();
        assertThat(r.flaggedQuarters()).isEmpty();
    }

    @Test
    void dstDays_have92And100Quarters() {
        LocalDate spring = LocalDate.of(2025, 3, 30);
        LocalDate autumn = LocalDate.of(2025, 10, 26);

        assertThat(balance.check(building(spring, spring.plusDays(2), 2), spring, spring.plusDays(2))
                        .days())
                .extracting(DayBalance::quarters)
                .containsExactly(92, 96);
        Report r = balance.check(
                building(autumn.minusDays(1), autumn.plusDays(1), 3), autumn.minusDays(1), autumn.plusDays(1));
        assertThat(r.days()).extracting(DayBalance::quarters).containsExactly(96, 100);
        assertThat(r.flaggedDays()).isEmpty();
    }

    @Test
    void apartmentMeterReadingLow_flagsTheDayWithWhAndPercent() {
        List<MeterSeries> meters = new ArrayList<>(building(DAY, DAY.plusDays(1), 4));
        meters.set(0, scaled(meters.get(0), 50));

        Report r = balance.check(meters, DAY, DAY.plusDays(1));

        DayBalance d = r.days().get(0);
        long lost = building(DAY, DAY.plusDays(1), 4).get(0).intervals().stream()
                        .mapToLong(IntervalValue::importWh)
                        .sum()
                - meters.get(0).intervals().stream()
                        .mapToLong(IntervalValue::importWh)
                        .sum();
        assertThat(d.mismatchWh()).isEqualTo(lost).isPositive();
        assertThat(d.flagged()).isTrue();
        assertThat(d.mismatchPercent())
                .isEqualByComparingTo(
                        BigDecimal.valueOf(lost * 100.0 / d.supplyWh()).setScale(2, java.math.RoundingMode.HALF_UP));
        assertThat(r.flaggedDays()).containsExactly(d);
    }

    @Test
    void toleranceIsStrictAndConfigurable() {
        // supply 10 000, consumption 9 800: exactly 2 %
        Instant from = Intervals.dayStart(DAY, BERLIN);
        int n = 96;
        List<MeterSeries> meters = List.of(
                series(1, MeterRole.GRID, from, n, k -> k == 0 ? 10_000 : 0, k -> 0),
                series(2, MeterRole.APARTMENT, from, n, k -> k == 0 ? 9_800 : 0, k -> 0));

        DayBalance d = balance.check(meters, DAY, DAY.plusDays(1)).days().get(0);
        assertThat(d.mismatchWh()).isEqualTo(200);
        assertThat(d.mismatchPercent()).isEqualByComparingTo("2.00");
        assertThat(d.flagged()).isFalse();
        assertThat(new EnergyBalance(BERLIN, new BigDecimal("1.5"), 0)
                        .check(meters, DAY, DAY.plusDays(1))
                        .days()
                        .get(0)
                        .flagged())
                .isTrue();
    }

    @Test
    void zeroConsumptionDay_isBalancedWhenNothingCameIn_flaggedWhenSomethingDid() {
        Instant from = Intervals.dayStart(DAY, BERLIN);
        List<MeterSeries> empty = List.of(
                series(1, MeterRole.GRID, from, 96, k -> 0, k -> 0),
                series(2, MeterRole.APARTMENT, from, 96, k -> 0, k -> 0));
        List<MeterSeries> leak = List.of(
                series(1, MeterRole.GRID, from, 96, k -> k == 5 ? 500 : 0, k -> 0),
                series(2, MeterRole.APARTMENT, from, 96, k -> 0, k -> 0));
        List<MeterSeries> noise = List.of(
                series(1, MeterRole.GRID, from, 96, k -> k == 5 ? 3 : 0, k -> 0),
                series(2, MeterRole.APARTMENT, from, 96, k -> 0, k -> 0));

        DayBalance none = balance.check(empty, DAY, DAY.plusDays(1)).days().get(0);
        assertThat(none.flagged()).isFalse();
        assertThat(none.mismatchPercent()).isEqualByComparingTo("0");
        DayBalance leaking = balance.check(leak, DAY, DAY.plusDays(1)).days().get(0);
        assertThat(leaking.flagged()).isTrue();
        assertThat(leaking.mismatchWh()).isEqualTo(500);
        assertThat(leaking.mismatchPercent()).isEqualByComparingTo("100");
        assertThat(balance.check(noise, DAY, DAY.plusDays(1)).days().get(0).flagged())
                .isFalse();
    }

    @Test
    void pvExportAndGridExport_countWithTheirSign() {
        Instant from = Intervals.dayStart(DAY, BERLIN);
        // PV produces 1000, apartment uses 300, grid exports 700
        List<MeterSeries> meters = List.of(
                series(1, MeterRole.GRID, from, 96, k -> 0, k -> k == 50 ? 700 : 0),
                series(2, MeterRole.PV, from, 96, k -> 0, k -> k == 50 ? 1000 : 0),
                series(3, MeterRole.APARTMENT, from, 96, k -> k == 50 ? 300 : 0, k -> 0));

        Report r = balance.check(meters, DAY, DAY.plusDays(1));

        assertThat(r.quarters().get(50).supplyWh()).isEqualTo(300);
        assertThat(r.quarters().get(50).consumptionWh()).isEqualTo(300);
        assertThat(r.flaggedQuarters()).isEmpty();
    }

    @Test
    void missingRow_makesTheQuarterIncomplete_andTheDaySumsOnlyCompleteQuarters() {
        List<MeterSeries> meters = new ArrayList<>(building(DAY, DAY.plusDays(1), 5));
        MeterSeries apt = meters.get(0);
        List<IntervalValue> rows = new ArrayList<>(apt.intervals());
        rows.remove(40);
        meters.set(0, new MeterSeries(apt.meterId(), apt.role(), rows));

        Report r = balance.check(meters, DAY, DAY.plusDays(1));

        assertThat(r.quarters().get(40).complete()).isFalse();
        assertThat(r.quarters().get(40).flagged()).isFalse();
        assertThat(r.days().get(0).completeQuarters()).isEqualTo(95);
        assertThat(r.days().get(0).mismatchWh()).isZero();
    }

    @Test
    void invalidInput_isRejected() {
        Instant from = Intervals.dayStart(DAY, BERLIN);
        MeterSeries s = series(1, MeterRole.GRID, from, 2, k -> 1, k -> 0);
        MeterSeries twice = new MeterSeries(
                1, MeterRole.GRID, List.of(s.intervals().get(0), s.intervals().get(0)));

        assertThatThrownBy(() -> balance.check(List.of(twice), DAY, DAY.plusDays(1)))
                .hasMessageContaining("[1]");
        assertThatThrownBy(() -> balance.check(List.of(s), DAY, DAY)).hasMessageContaining("[2025-06-18");
        assertThatThrownBy(() -> new EnergyBalance(BERLIN, BigDecimal.valueOf(-1), 0))
                .hasMessageContaining("[-1]");
    }
}
