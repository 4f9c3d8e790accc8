package org.hausmeter.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.allocation.ConsumerTotal;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.run.MonthBilling;
import org.hausmeter.billing.run.MonthInput;
import org.hausmeter.billing.run.MonthInput.Consumer;
import org.hausmeter.billing.run.MonthInput.Kind;
import org.hausmeter.billing.run.MonthInput.Session;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.tariff.GridPrice;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.TariffBook;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.UnitPrice;

/**
 * Replays the building's months under a {@link Scenario}: PV added, EV sessions moved into solar hours, the
 * battery dispatched ({@link BatteryDispatch}), then every month billed by the bill run's own engine
 * ({@link MonthBilling#compute}) with the local energy (PV − battery charge + battery discharge) allocated per
 * quarter hour under the key in force or the scenario's key. Pure: no I/O, no clock. See docs/scenarios.md.
 */
public final class ScenarioEngine {

    private static final String[] PV_LINES = {"pv.energy", "common.pv"};

    private ScenarioEngine() {}

    /**
     * The baseline and every scenario side by side.
     *
     * @param baseline  the real year replayed unchanged
     * @param scenarios the scenarios, each with its investment view against the baseline
     */
    public record Comparison(ScenarioResult baseline, List<ScenarioResult> scenarios) {}

    /** @return the baseline (nothing changed) and each scenario, in the given order */
    public static Comparison compare(ScenarioYear year, List<Scenario> scenarios) {
        ScenarioResult base = run(year, Scenario.baseline(), null);
        List<ScenarioResult> out = new ArrayList<>();
        for (Scenario s : scenarios) {
            out.add(run(year, s, base));
        }
        return new Comparison(base, out);
    }

    /**
     * One scenario.
     *
     * @param year     the months replayed
     * @param scenario the changes
     * @param baseline the baseline's result for the investment view, or null (no investment view)
     * @return the figures
     */
    public static ScenarioResult run(ScenarioYear year, Scenario scenario, ScenarioResult baseline) {
        Replay rp = replay(year, scenario);
        List<ScenarioYear.Month> months = year.months();
        int mCount = months.size();
        int[] off = rp.offsets();
        long[] pv = rp.pvWh();
        long[] cons = rp.consumptionWh();
        long[] local = rp.localWh();
        BatteryDispatch.Flows flows = rp.flows();
        BatteryDispatch.Params params = rp.battery();
        Map<String, long[]> chargers = rp.chargers();
        int shifted = rp.shiftedSessions();

        TariffBook book = scenario.tariff() == null ? year.tariffs() : change(year.tariffs(), scenario.tariff());
        Currency cur = book.currency();
        int scale = cur.getDefaultFractionDigits();
        BigDecimal zero = BigDecimal.ZERO.setScale(scale);

        Map<String, long[]> aptEnergy = new LinkedHashMap<>(); // code -> {consumption, local}
        Map<String, BigDecimal> aptGross = new LinkedHashMap<>();
        List<ScenarioResult.Bill> bills = new ArrayList<>();
        List<ScenarioResult.Month> monthRows = new ArrayList<>();
        BigDecimal gross = zero;
        BigDecimal net = zero;
        BigDecimal pvIncome = zero;
        BigDecimal feedInRevenue = zero;
        BigDecimal lossValue = BigDecimal.ZERO;
        long allocated = 0;
        long lossTotal = 0;
        // The months are independent once the quarter hours are replayed: billed in parallel, summed in order.
        MonthBilling.Result[] results = new MonthBilling.Result[mCount];
        final TariffBook monthBook = book;
        java.util.stream.IntStream.range(0, mCount).parallel().forEach(m -> {
            ScenarioYear.Month month = months.get(m);
            MonthInput in = month.input();
            int o = off[m];
            int len = off[m + 1] - o;
            List<Consumer> cs = new ArrayList<>(in.consumers().size());
            for (Consumer k : in.consumers()) {
                if (k.kind() == Kind.CHARGER && shifted > 0) {
                    cs.add(new Consumer(
                            k.kind(),
                            k.code(),
                            k.name(),
                            k.areaM2(),
                            slice(chargers.get(k.code()), o, len),
                            k.estimated(),
                            k.missing(),
                            k.imported()));
                } else {
                    cs.add(k);
                }
            }
            MonthInput mi = new MonthInput(
                    in.month(),
                    in.zone(),
                    slice(local, o, len),
                    slice(flows.importWh(), o, len),
                    slice(flows.feedInWh(), o, len),
                    cs,
                    in.tenancies(),
                    in.sessions(),
                    in.adjustments());
            AllocationKey key = scenario.key() != null ? scenario.key() : month.key();
            results[m] = MonthBilling.compute(mi, monthBook, key, month.commonKey());
        });
        for (int m = 0; m < mCount; m++) {
            ScenarioYear.Month month = months.get(m);
            MonthInput in = month.input();
            int o = off[m];
            int len = off[m + 1] - o;
            List<Consumer> cs = results[m].input().consumers();

            MonthBilling.Result r = results[m];
            BigDecimal monthGross = zero;
            for (MonthBilling.TenancyBill b : r.bills()) {
                String code = b.period().apartmentCode();
                BigDecimal g = b.draft().gross().amount();
                monthGross = monthGross.add(g);
                net = net.add(b.draft().net().amount());
                aptGross.merge(code, g, BigDecimal::add);
                bills.add(new ScenarioResult.Bill(
                        b.period().tenancyId(),
                        code,
                        in.month(),
                        b.draft().net().amount(),
                        g));
                for (BillLine line : b.draft().lines()) {
                    if (line.key().equals(PV_LINES[0]) || line.key().equals(PV_LINES[1])) {
                        pvIncome = pvIncome.add(line.net().amount());
                    }
                }
            }
            gross = gross.add(monthGross);
            for (int i = 0; i < cs.size(); i++) {
                ConsumerTotal ct = r.consumerTotals().get(i);
                allocated += ct.pvWh();
                if (cs.get(i).kind() == Kind.APARTMENT) {
                    long[] e = aptEnergy.computeIfAbsent(cs.get(i).code(), x -> new long[2]);
                    e[0] += ct.consumptionWh();
                    e[1] += ct.pvWh();
                    aptGross.putIfAbsent(cs.get(i).code(), zero);
                }
            }
            feedInRevenue = feedInRevenue.add(r.report().feedInRevenue().amount());
            long sIn = 0;
            long sOut = 0;
            long sPv = 0;
            long sCons = 0;
            long sImp = 0;
            long sFeed = 0;
            for (int t = o; t < o + len; t++) {
                sIn += flows.in()[t];
                sOut += flows.out()[t];
                sPv += pv[t];
                sCons += cons[t];
                sImp += flows.importWh()[t];
                sFeed += flows.feedInWh()[t];
            }
            long socBefore = o == 0 ? (params == null ? 0 : params.minSocWh()) : flows.socWh()[o - 1];
            long monthLoss = sIn - sOut - (flows.socWh()[o + len - 1] - socBefore);
            lossTotal += monthLoss;
            TariffVersion v = book.versionAt(in.month().atDay(1));
            lossValue = lossValue.add(v.feedInPerKwh().exactCostFor(monthLoss));
            monthRows.add(new ScenarioResult.Month(in.month(), sPv, sCons, sImp, sFeed, sIn, sOut, monthGross));
        }

        long pvTotal = sum(pv);
        long consTotal = sum(cons);
        long imp = sum(flows.importWh());
        long feed = sum(flows.feedInWh());
        BigDecimal purchase = zero;
        if (scenario.investment() != null) {
            purchase = scenario.investment()
                    .gridPurchasePrice()
                    .multiply(BigDecimal.valueOf(imp))
                    .movePointLeft(3)
                    .setScale(scale, RoundingMode.HALF_UP);
        }
        ScenarioResult.Energy energy = new ScenarioResult.Energy(
                pvTotal,
                consTotal,
                imp,
                feed,
                pvTotal - feed,
                sum(flows.in()),
                sum(flows.out()),
                lossTotal,
                allocated,
                ratio(pvTotal - feed, pvTotal),
                ratio(consTotal - imp, consTotal),
                shifted);
        ScenarioResult.Money money = new ScenarioResult.Money(
                cur.getCurrencyCode(),
                gross,
                net,
                pvIncome,
                feedInRevenue,
                lossValue.setScale(scale, RoundingMode.HALF_UP),
                purchase);

        List<ScenarioResult.Apartment> apartments = new ArrayList<>();
        for (Map.Entry<String, long[]> e : aptEnergy.entrySet()) {
            long[] v = e.getValue();
            apartments.add(new ScenarioResult.Apartment(
                    e.getKey(), v[0], v[1], ratio(v[1], v[0]), aptGross.getOrDefault(e.getKey(), zero)));
        }
        ScenarioResult.Spread billSpread = spread(
                apartments.stream().map(ScenarioResult.Apartment::billsGross).toList(), scale);
        ScenarioResult.Spread solarSpread = spread(
                apartments.stream().map(ScenarioResult.Apartment::solarShare).toList(), 4);
        List<ScenarioResult.Day> days =
                List.of(day("summer", 6, year, off, pv, cons, flows), day("winter", 12, year, off, pv, cons, flows));
        ScenarioResult.InvestmentView view = null;
        if (baseline != null && scenario.investment() != null) {
            view = invest(scenario.investment(), baseline, imp, feedInRevenue, gross, scale);
        }
        return new ScenarioResult(
                scenario.name(), energy, money, apartments, billSpread, solarSpread, monthRows, bills, days, view);
    }

    /**
     * The physical year of a scenario, over all its quarter hours (index 0 = the first month's first quarter hour).
     *
     * @param offsets        first index of each month, and the total at the end
     * @param pvWh           PV production (existing and added)
     * @param consumptionWh  the building's consumption (after EV shifting)
     * @param chargers       each charger's consumption (after EV shifting), by charger code
     * @param flows          the battery's and the grid's flows
     * @param localWh        local energy allocated: PV − battery in + battery out
     * @param battery        the battery's whole-number parameters, or null
     * @param shiftedSessions EV sessions moved
     */
    public record Replay(
            int[] offsets,
            long[] pvWh,
            long[] consumptionWh,
            Map<String, long[]> chargers,
            BatteryDispatch.Flows flows,
            long[] localWh,
            BatteryDispatch.Params battery,
            int shiftedSessions) {}

    /** @return the scenario's quarter hours: PV added, EV sessions moved, the battery dispatched */
    public static Replay replay(ScenarioYear year, Scenario scenario) {
        List<ScenarioYear.Month> months = year.months();
        int mCount = months.size();
        int[] off = new int[mCount + 1];
        for (int m = 0; m < mCount; m++) {
            MonthInput in = months.get(m).input();
            int len = in.intervals();
            if (in.pvWh().length != len) {
                throw new IllegalArgumentException("Month " + in.month() + " has " + in.pvWh().length
                        + " PV values for " + len + " quarter hours");
            }
            off[m + 1] = off[m] + len;
        }
        int n = off[mCount];
        Instant yearFrom = months.get(0).input().from();
        long[] pv = new long[n];
        long[] cons = new long[n];
        Map<String, long[]> chargers = new LinkedHashMap<>();
        for (int m = 0; m < mCount; m++) {
            MonthInput in = months.get(m).input();
            System.arraycopy(in.pvWh(), 0, pv, off[m], in.pvWh().length);
            for (Consumer k : in.consumers()) {
                long[] c = k.importWh();
                if (c.length != off[m + 1] - off[m]) {
                    throw new IllegalArgumentException("Month " + in.month() + ": consumer [" + k.code() + "] has "
                            + c.length + " values for " + (off[m + 1] - off[m]) + " quarter hours");
                }
                for (int t = 0; t < c.length; t++) {
                    cons[off[m] + t] += c[t];
                }
                if (k.kind() == Kind.CHARGER) {
                    long[] ch = chargers.computeIfAbsent(k.code(), x -> new long[n]);
                    System.arraycopy(c, 0, ch, off[m], c.length);
                }
            }
        }
        if (scenario.pv() != null) {
            addPv(pv, scenario.pv());
        }
        int shifted = scenario.shiftEv() ? shiftSessions(year, yearFrom, n, pv, cons, chargers) : 0;
        BatteryDispatch.Params params =
                scenario.battery() == null ? null : BatteryDispatch.Params.of(scenario.battery());
        BatteryDispatch.Flows flows = BatteryDispatch.Flows.of(n);
        BatteryDispatch.run(pv, cons, params, flows);
        long[] local = new long[n];
        for (int t = 0; t < n; t++) {
            local[t] = pv[t] - flows.in()[t] + flows.out()[t];
        }

        return new Replay(off, pv, cons, chargers, flows, local, params, shifted);
    }

    private static ScenarioResult.InvestmentView invest(
            Scenario.Investment inv,
            ScenarioResult base,
            long imp,
            BigDecimal feedInRevenue,
            BigDecimal gross,
            int scale) {
        BigDecimal saving = yearlySaving(
                inv.gridPurchasePrice(),
                base.energy().gridImportWh(),
                imp,
                base.money().feedInRevenue(),
                feedInRevenue,
                scale);
        BigDecimal cash = saving.subtract(inv.maintenancePerYear());
        return new ScenarioResult.InvestmentView(
                inv.capitalCost(),
                inv.lifetimeYears(),
                inv.maintenancePerYear(),
                inv.discountRate(),
                saving,
                cash,
                Investments.simplePayback(inv.capitalCost(), cash),
                Investments.npv(inv.capitalCost(), cash, inv.lifetimeYears(), inv.discountRate(), scale),
                Investments.irr(inv.capitalCost(), cash, inv.lifetimeYears()),
                gross.subtract(base.money().billsGross()));
    }

    /**
     * The yearly saving of a scenario against the baseline: (baseline import − import) × purchase price + (feed-in
     * revenue − the baseline's), rounded once to the currency's scale HALF_UP.
     */
    static BigDecimal yearlySaving(
            BigDecimal purchasePrice,
            long baseImportWh,
            long importWh,
            BigDecimal baseFeedIn,
            BigDecimal feedIn,
            int scale) {
        return purchasePrice
                .multiply(BigDecimal.valueOf(baseImportWh - importWh))
                .movePointLeft(3)
                .add(feedIn.subtract(baseFeedIn))
                .setScale(scale, RoundingMode.HALF_UP);
    }

    /** Adds each plant: the existing PV shape × kWp / existing kWp, shifted, HALF_UP to the Wh. */
    static void addPv(long[] pv, Scenario.Pv change) {
        long existingW = watts(change.existingKwp(), "pv.existingKwp");
        long[] base = pv.clone();
        int n = pv.length;
        for (Scenario.PvAddition a : change.additions()) {
            long w = watts(a.kwp(), "pv addition kwp");
            int shift = a.shiftHours() * 4;
            for (int t = 0; t < n; t++) {
                int src = t - shift;
                if (src >= 0 && src < n && base[src] > 0) {
                    pv[t] += (Math.multiplyExact(Math.multiplyExact(base[src], w), 2L) + existingW) / (2 * existingW);
                }
            }
        }
    }

    private static long watts(BigDecimal kw, String what) {
        try {
            return kw.movePointRight(3).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " [" + kw + "] has more than 3 decimals (whole W)");
        }
    }

    private record Window(String charger, int first, int last) {}

    /** Moves every session whose plug-in window no other session on its charger shares; returns how many moved. */
    private static int shiftSessions(
            ScenarioYear year, Instant yearFrom, int n, long[] pv, long[] cons, Map<String, long[]> chargers) {
        List<Window> windows = new ArrayList<>();
        for (ScenarioYear.Month m : year.months()) {
            for (Session s : m.input().sessions()) {
                if (!chargers.containsKey(s.charger()) || !s.end().isAfter(s.start())) {
                    continue;
                }
                long first = Intervals.index(yearFrom, Intervals.floor(s.start()));
                long last = Intervals.index(yearFrom, Intervals.floor(s.end().minusSeconds(1)));
                if (first < 0 || last >= n) {
                    continue;
                }
                windows.add(new Window(s.charger(), (int) first, (int) last));
            }
        }
        windows.sort(Comparator.comparing(Window::charger).thenComparingInt(Window::first));
        int moved = 0;
        for (int k = 0; k < windows.size(); k++) {
            Window w = windows.get(k);
            boolean alone = (k == 0
                            || !windows.get(k - 1).charger().equals(w.charger())
                            || windows.get(k - 1).last() < w.first())
                    && (k + 1 == windows.size()
                            || !windows.get(k + 1).charger().equals(w.charger())
                            || windows.get(k + 1).first() > w.last());
            if (alone
                    && w.last() > w.first()
                    && EvShift.shift(chargers.get(w.charger()), cons, pv, w.first(), w.last())) {
                moved++;
            }
        }
        return moved;
    }

    /** @return every version with the changed prices; the grid price becomes flat when given */
    static TariffBook change(TariffBook book, Scenario.TariffChange ch) {
        Currency c = book.currency();
        List<TariffVersion> vs = new ArrayList<>();
        for (TariffVersion v : book.versions()) {
            vs.add(new TariffVersion(
                    v.validFrom(),
                    ch.gridPrice() == null ? v.gridPrice() : GridPrice.flat(UnitPrice.of(c, ch.gridPrice())),
                    ch.pvPrice() == null ? v.pvPrice() : UnitPrice.of(c, ch.pvPrice()),
                    ch.baseFeePerMonth() == null ? v.baseFeePerMonth() : Money.of(c, ch.baseFeePerMonth()),
                    ch.evPvPrice() == null ? v.evPvPrice() : UnitPrice.of(c, ch.evPvPrice()),
                    ch.evGridPrice() == null ? v.evGridPrice() : UnitPrice.of(c, ch.evGridPrice()),
                    ch.feedInPrice() == null ? v.feedInPerKwh() : UnitPrice.of(c, ch.feedInPrice()),
                    v.vatRate()));
        }
        return new TariffBook(vs);
    }

    /** The month nearest to {@code target} (June, December) in the period, its 96-quarter-hour days averaged. */
    private static ScenarioResult.Day day(
            String label,
            int target,
            ScenarioYear year,
            int[] off,
            long[] pv,
            long[] cons,
            BatteryDispatch.Flows flows) {
        int best = 0;
        int bestDist = Integer.MAX_VALUE;
        for (int m = 0; m < year.months().size(); m++) {
            int mv = year.months().get(m).input().month().getMonthValue();
            int d = Math.min(Math.abs(mv - target), 12 - Math.abs(mv - target));
            if (d < bestDist) {
                bestDist = d;
                best = m;
            }
        }
        MonthInput in = year.months().get(best).input();
        ZoneId zone = in.zone();
        long[][] acc = new long[5][96];
        int days = 0;
        YearMonth ym = in.month();
        int t = off[best];
        for (int d = 1; d <= ym.lengthOfMonth(); d++) {
            LocalDate date = ym.atDay(d);
            int per = Intervals.perDay(date, zone);
            if (per == 96) {
                for (int q = 0; q < 96; q++) {
                    acc[0][q] += pv[t + q];
                    acc[1][q] += cons[t + q];
                    acc[2][q] += flows.importWh()[t + q];
                    acc[3][q] += flows.feedInWh()[t + q];
                    acc[4][q] += flows.socWh()[t + q];
                }
                days++;
            }
            t += per;
        }
        long[][] mean = new long[5][96];
        for (int k = 0; k < 5; k++) {
            for (int q = 0; q < 96; q++) {
                mean[k][q] = days == 0 ? 0 : (2 * acc[k][q] + days) / (2L * days);
            }
        }
        return new ScenarioResult.Day(label, ym, mean[0], mean[1], mean[2], mean[3], mean[4]);
    }

    private static ScenarioResult.Spread spread(List<BigDecimal> values, int scale) {
        if (values.isEmpty()) {
            BigDecimal z = BigDecimal.ZERO.setScale(scale);
            return new ScenarioResult.Spread(z, z, z);
        }
        List<BigDecimal> s = new ArrayList<>(values);
        s.sort(Comparator.naturalOrder());
        int k = s.size();
        BigDecimal median = k % 2 == 1
                ? s.get(k / 2)
                : s.get(k / 2 - 1).add(s.get(k / 2)).divide(BigDecimal.valueOf(2), scale, RoundingMode.HALF_UP);
        return new ScenarioResult.Spread(s.get(0), median.setScale(scale, RoundingMode.HALF_UP), s.get(k - 1));
    }

    static BigDecimal ratio(long a, long b) {
        return b == 0
                ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 4, RoundingMode.HALF_UP);
    }

    private static long[] slice(long[] a, int off, int len) {
        long[] out = new long[len];
        System.arraycopy(a, off, out, 0, len);
        return out;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s = Math.addExact(s, v);
        }
        return s;
    }
}
