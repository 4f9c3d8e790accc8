package org.hausmeter.billing.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.TariffStore.CommonKey;
import org.hausmeter.billing.run.MonthBilling.TenancyBill;
import org.hausmeter.billing.run.MonthInput.Consumer;
import org.hausmeter.billing.run.MonthInput.Kind;
import org.hausmeter.billing.run.MonthInput.Session;
import org.hausmeter.billing.run.MonthInput.TenancyPeriod;
import org.hausmeter.tariff.TariffBook;
import org.hausmeter.tariff.TestTariffs;
import org.junit.jupiter.api.Test;

/** The month computation on random inputs (seeded): energy is conserved in whole Wh, drafts are the engine's. */
class MonthBillingTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    static final TariffBook TARIFFS = TariffBook.of(TestTariffs.version(
            java.time.LocalDate.of(2026, 1, 1), TestTariffs.ntHtAllYear("0.2500", "0.3300"), "6.50"));

    static MonthInput randomMonth(long seed) {
        Random r = new Random(seed);
        Instant from = OCTOBER.atDay(1).atStartOfDay(BERLIN).toInstant();
        int n = 2980;
        long[] pv = new long[n];
        for (int t = 0; t < n; t++) {
            int hour = (t / 4) % 24;
            pv[t] = hour >= 8 && hour < 17 ? r.nextInt(3000) : 0;
        }
        List<Consumer> consumers = new java.util.ArrayList<>();
        for (int a = 0; a < 4; a++) {
            consumers.add(new Consumer(
                    Kind.APARTMENT,
                    "A-" + a,
                    "A-" + a,
                    BigDecimal.valueOf(50 + 10 * a),
                    random(r, n, 200),
                    bits(r, n)));
        }
        consumers.add(new Consumer(Kind.COMMON, "common", "common", null, random(r, n, 100), new BitSet()));
        long[] charger = new long[n];
        for (int t = 400; t < 412; t++) {
            charger[t] = 2750;
        }
        consumers.add(new Consumer(Kind.CHARGER, "ch-1", "ch-1", null, charger, new BitSet()));
        Instant handover = OCTOBER.atDay(15).atStartOfDay(BERLIN).toInstant();
        Instant to = OCTOBER.plusMonths(1).atDay(1).atStartOfDay(BERLIN).toInstant();
        List<TenancyPeriod> tenancies = List.of(
                new TenancyPeriod(1, 1, "A-0", 1, "Anna", from, to),
                new TenancyPeriod(2, 2, "A-1", 2, "Ben", from, handover),
                new TenancyPeriod(3, 2, "A-1", 3, "Cem", handover, to),
                new TenancyPeriod(4, 3, "A-2", 4, "Dora", from, to));
        Instant sessionStart = from.plusSeconds(900L * 400 + 120);
        List<Session> sessions =
                List.of(new Session(9, "ch-1", 1, sessionStart, sessionStart.plusSeconds(3 * 3600 - 300), 33_000));
        return new MonthInput(OCTOBER, BERLIN, pv, new long[n], new long[n], consumers, tenancies, sessions, Map.of());
    }

    private static long[] random(Random r, int n, int max) {
        long[] v = new long[n];
        for (int t = 0; t < n; t++) {
            v[t] = r.nextInt(max);
        }
        return v;
    }

    private static BitSet bits(Random r, int n) {
        BitSet b = new BitSet(n);
        for (int t = 0; t < n; t++) {
            if (r.nextInt(100) == 0) {
                b.set(t);
            }
        }
        return b;
    }

    @Test
    void energyIsConservedAndDraftsAreTheEnginesOnRandomMonths() {
        for (long seed = 1; seed <= 20; seed++) {
            MonthInput in = randomMonth(seed);
            for (AllocationKey key : AllocationKey.values()) {
                MonthBilling.Result res = MonthBilling.compute(in, TARIFFS, key, CommonKey.FLOOR_AREA);
                var b = res.report().building();
                assertThat(b.selfConsumedWh() + b.exportedWh())
                        .as("seed %d %s", seed, key)
                        .isEqualTo(b.productionWh());
                for (TenancyBill tb : res.bills()) {
                    // The precomputed pricing gives exactly the engine's own result.
                    assertThat(tb.draft()).isEqualTo(BillCalculator.calculate(tb.request()));
                    long[] grid = tb.request().gridWh();
                    long[] pv = tb.request().pvWh();
                    long sum = 0;
                    for (int t = 0; t < grid.length; t++) {
                        sum += grid[t] + pv[t];
                    }
                    assertThat(sum).isEqualTo(tb.consumptionWh());
                }
                // The common area's grid and PV energy is shared out completely among the apartments with tenants
                // plus the vacant one, whose share is not billed: check over all four via the split arrays.
                long commonTotal = java.util.Arrays.stream(in.consumers().get(4).importWh())
                        .sum();
                long billedCommon = res.bills().stream()
                        .flatMap(tb -> java.util.stream.Stream.of(
                                tb.request().commonGridWh(), tb.request().commonPvWh()))
                        .mapToLong(a -> java.util.Arrays.stream(a).sum())
                        .sum();
                assertThat(billedCommon).isLessThanOrEqualTo(commonTotal).isPositive();
                // The EV session: its PV share is within its energy, on Anna's bill.
                BillLine ev = res.bills().get(0).draft().lines().stream()
                        .filter(l -> l.key().equals("ev.session"))
                        .findFirst()
                        .orElseThrow();
                assertThat(ev.quantity()).isEqualByComparingTo("33.000");
            }
        }
    }

    @Test
    void theHandoverSplitsTheMonthsQuarterHoursWithoutOverlap() {
        MonthBilling.Result res =
                MonthBilling.compute(randomMonth(7), TARIFFS, AllocationKey.DYNAMIC_PROPORTIONAL, CommonKey.EQUAL);
        assertThat(res.bills())
                .extracting(tb -> tb.request().intervalCount())
                .containsExactly(2980, 14 * 96, 16 * 96 + 100, 2980);
    }

    @Test
    void sessionPv_isTheChargersPvFractionOverTheOverlappedQuarterHours() {
        Instant month = Instant.parse("2026-09-30T22:00:00Z");
        long[] cons = {0, 2000, 2000, 0};
        long[] pv = {0, 2000, 500, 0};
        // Session covers quarter hours 1 and 2 fully: PV fraction 2500/4000.
        Session s = new Session(1, "ch", 1, month.plusSeconds(900), month.plusSeconds(2700), 4000);
        assertThat(MonthBilling.sessionPv(s, month, cons, pv)).isEqualTo(2500);
        // Half of quarter hour 1 only: fraction 2000/2000.
        Session half = new Session(2, "ch", 1, month.plusSeconds(900), month.plusSeconds(1350), 1000);
        assertThat(MonthBilling.sessionPv(half, month, cons, pv)).isEqualTo(1000);
        // No consumption seen by the charger meter: no PV share.
        Session none = new Session(3, "ch", 1, month, month.plusSeconds(900), 500);
        assertThat(MonthBilling.sessionPv(none, month, cons, pv)).isZero();
    }
}
