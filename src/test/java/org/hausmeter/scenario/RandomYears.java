package org.hausmeter.scenario;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.billing.TariffStore.CommonKey;
import org.hausmeter.billing.run.MonthInput;
import org.hausmeter.billing.run.MonthInput.Consumer;
import org.hausmeter.billing.run.MonthInput.Kind;
import org.hausmeter.billing.run.MonthInput.Session;
import org.hausmeter.billing.run.MonthInput.TenancyPeriod;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.tariff.TariffBook;
import org.hausmeter.tariff.TestTariffs;

/**
 * Seeded synthetic buildings for the scenario tests: apartments with random consumption, a common area, one
 * charger with evening sessions plugged in for hours, PV shaped by the local hour of day, one tenancy per apartment
 * per month (a handover on the 10th in apartment 1).
 */
final class RandomYears {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final TariffBook TARIFFS = TariffBook.of(
            TestTariffs.version(LocalDate.of(2020, 1, 1), TestTariffs.ntHtAllYear("0.2500", "0.3300"), "6.50"));

    private RandomYears() {}

    static ScenarioYear year(long seed, YearMonth first, int months, int apartments, AllocationKey key) {
        Random r = new Random(seed);
        List<ScenarioYear.Month> out = new ArrayList<>();
        long tenancy = 1;
        long session = 1;
        for (int m = 0; m < months; m++) {
            YearMonth ym = first.plusMonths(m);
            Instant from = Intervals.monthStart(ym, BERLIN);
            Instant to = Intervals.monthStart(ym.plusMonths(1), BERLIN);
            int n = Intervals.count(from, to);
            long[] pv = new long[n];
            int peak = r.nextInt(4000) + 500;
            for (int t = 0; t < n; t++) {
                int hour = ZonedDateTime.ofInstant(Intervals.start(from, t), BERLIN)
                        .getHour();
                pv[t] = hour >= 7 && hour < 19
                        ? (long) (peak * Math.sin(Math.PI * (hour - 7 + 0.5) / 12) * r.nextDouble())
                        : 0;
            }
            List<Consumer> consumers = new ArrayList<>();
            List<TenancyPeriod> tenancies = new ArrayList<>();
            for (int a = 0; a < apartments; a++) {
                long[] c = new long[n];
                for (int t = 0; t < n; t++) {
                    c[t] = r.nextInt(300);
                }
                String code = "A-" + a;
                consumers.add(
                        new Consumer(Kind.APARTMENT, code, code, BigDecimal.valueOf(40 + 7 * a), c, new BitSet()));
                if (a == 1) {
                    Instant handover = Intervals.dayStart(ym.atDay(10), BERLIN);
                    tenancies.add(new TenancyPeriod(tenancy++, a + 1, code, 100 + a, "R" + a, from, handover));
                    tenancies.add(new TenancyPeriod(tenancy++, a + 1, code, 200 + a, "S" + a, handover, to));
                } else if (a != apartments - 1 || apartments < 3) {
                    tenancies.add(new TenancyPeriod(tenancy++, a + 1, code, 100 + a, "R" + a, from, to));
                } // the last apartment (of three or more) stands empty
            }
            long[] common = new long[n];
            for (int t = 0; t < n; t++) {
                common[t] = r.nextInt(80);
            }
            consumers.add(new Consumer(Kind.COMMON, "common", "common", null, common, new BitSet()));
            long[] charger = new long[n];
            List<Session> sessions = new ArrayList<>();
            long firstTenancy = tenancies.get(0).tenancyId();
            for (int d = 0; d + 1 < ym.lengthOfMonth(); d += 1 + r.nextInt(4)) {
                // plugged in from about 9:00 for 4 to 9 hours, charging at once for 1 to 3 hours
                Instant start = Intervals.dayStart(ym.atDay(d + 1), BERLIN).plusSeconds(9 * 3600 + r.nextInt(1800));
                int hours = 4 + r.nextInt(6);
                Instant end = start.plusSeconds(hours * 3600L);
                int first0 = (int) Intervals.index(from, Intervals.floor(start));
                int charging = 4 + r.nextInt(9);
                long power = 1000 + r.nextInt(2700);
                long energy = 0;
                for (int t = first0; t < first0 + charging && t < n; t++) {
                    charger[t] = power;
                    energy += power;
                }
                sessions.add(new Session(session++, "ch-1", firstTenancy, start, end, energy));
            }
            consumers.add(new Consumer(Kind.CHARGER, "ch-1", "ch-1", null, charger, new BitSet()));
            out.add(new ScenarioYear.Month(
                    new MonthInput(ym, BERLIN, pv, new long[n], new long[n], consumers, tenancies, sessions, Map.of()),
                    key,
                    CommonKey.FLOOR_AREA));
        }
        return new ScenarioYear(BERLIN, TARIFFS, out);
    }

    static Scenario.Battery battery(Random r) {
        return new Scenario.Battery(
                BigDecimal.valueOf(1 + r.nextInt(60)),
                BigDecimal.valueOf(1 + r.nextInt(15)).add(BigDecimal.valueOf(r.nextInt(1000), 3)),
                BigDecimal.valueOf(1 + r.nextInt(15)),
                new BigDecimal("0.7").add(BigDecimal.valueOf(r.nextInt(300_001), 6)),
                BigDecimal.valueOf(r.nextInt(50), 2),
                BigDecimal.valueOf(r.nextInt(400), 1));
    }
}
