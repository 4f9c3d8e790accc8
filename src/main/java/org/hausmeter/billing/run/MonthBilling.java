package org.hausmeter.billing.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.allocation.AllocationInputs;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.allocation.AllocationRule;
import org.hausmeter.allocation.BuildingTotal;
import org.hausmeter.allocation.ConsumerTotal;
import org.hausmeter.allocation.KeyComparison;
import org.hausmeter.allocation.MonthAllocation;
import org.hausmeter.allocation.PvAllocator;
import org.hausmeter.allocation.Shares;
import org.hausmeter.billing.Adjustment;
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.BillDraft;
import org.hausmeter.billing.BillRequest;
import org.hausmeter.billing.EvSession;
import org.hausmeter.billing.TariffStore.CommonKey;
import org.hausmeter.billing.run.MonthInput.Consumer;
import org.hausmeter.billing.run.MonthInput.Kind;
import org.hausmeter.billing.run.MonthInput.Session;
import org.hausmeter.billing.run.MonthInput.TenancyPeriod;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.LargestRemainder;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.PricedInterval;
import org.hausmeter.tariff.TariffBook;
import org.hausmeter.tariff.TariffPricer;
import org.hausmeter.tariff.TariffVersion;

/**
 * A month's bills from its {@link MonthInput}: the PV allocation per quarter hour over all consumers,
 * the common area's grid and PV energy shared among the apartments per quarter hour, each EV session's
 * PV share from its charger's allocation, and one {@link BillDraft} per tenancy period. Pure and
 * deterministic; see docs/billing.md.
 */
public final class MonthBilling {

    private MonthBilling() {}

    /**
     * A computed draft for one tenancy period.
     *
     * @param period             the tenancy's part of the month
     * @param request            what the engine was given
     * @param draft              the engine's result
     * @param estimatedIntervals quarter hours of the period with an estimated apartment value
     * @param consumptionWh      the apartment's own consumption in the period
     * @param pvWh               of which PV
     * @param missing            quarter hours of the period (index 0 = its first) without a value for the apartment
     * @param imported           quarter hours of the period with an imported value (quality IMPORTED)
     */
    public record TenancyBill(
            TenancyPeriod period,
            BillRequest request,
            BillDraft draft,
            int estimatedIntervals,
            long consumptionWh,
            long pvWh,
            BitSet missing,
            BitSet imported) {}

    /**
     * The co-op's monthly figures.
     *
     * @param building          allocation totals (production, consumption, self-consumed, exported, grid)
     * @param gridImportWh      measured at the grid connection
     * @param gridExportWh      measured at the grid connection
     * @param feedInRevenue     exported (grid connection) × feed-in price of the month's first day's version
     * @param apartmentPvWh     PV allocated to apartments
     * @param commonPvWh        PV allocated to the common area
     * @param chargerPvWh       PV allocated to chargers
     */
    public record Report(
            BuildingTotal building,
            long gridImportWh,
            long gridExportWh,
            Money feedInRevenue,
            long apartmentPvWh,
            long commonPvWh,
            long chargerPvWh) {}

    /**
     * The whole month.
     *
     * @param input     the input
     * @param rule      the key used
     * @param bills     one per tenancy period, in input order
     * @param report    the co-op's figures
     * @param medianApartmentWh median of the apartments' month consumption
     * @param consumerTotals    per consumer (input order) consumption and PV of the month
     */
    public record Result(
            MonthInput input,
            AllocationRule rule,
            List<TenancyBill> bills,
            Report report,
            long medianApartmentWh,
            List<ConsumerTotal> consumerTotals) {}

    /**
     * @param input       the month
     * @param tariffs     every tariff version
     * @param key         the allocation key (of the version valid on the month's first day)
     * @param commonKey   how the common area is shared
     * @return drafts and report
     */
    public static Result compute(MonthInput input, TariffBook tariffs, AllocationKey key, CommonKey commonKey) {
        int n = input.intervals();
        List<Consumer> consumers = input.consumers();
        long[][] c = new long[consumers.size()][];
        for (int i = 0; i < c.length; i++) {
            c[i] = consumers.get(i).importWh();
        }
        AllocationRule rule = rule(key, consumers);
        MonthAllocation alloc = PvAllocator.allocateMonth(input.pvWh(), c, rule, true);

        List<Integer> apartments = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        int common = -1;
        for (int i = 0; i < consumers.size(); i++) {
            Consumer k = consumers.get(i);
            index.put(k.kind() + ":" + k.code(), i);
            if (k.kind() == Kind.APARTMENT) {
                apartments.add(i);
            } else if (k.kind() == Kind.COMMON) {
                common = i;
            }
        }
        long[][] commonGrid = new long[apartments.size()][n];
        long[][] commonPv = new long[apartments.size()][n];
        if (common >= 0 && !apartments.isEmpty()) {
            long[] weights = commonWeights(consumers, apartments, commonKey);
            long[] cc = c[common];
            long[] ca = alloc.intervalPvWh()[common];
            int m = weights.length;
            // two splits per quarter hour: the allocation-free form, weights checked once
            long weightSum = LargestRemainder.weightSum(weights);
            int[] members = new int[m];
            for (int j = 0; j < m; j++) {
                members[j] = j;
            }
            long[] g = new long[m];
            long[] p = new long[m];
            long[] rem = new long[m];
            long[] sortedRem = new long[m];
            for (int t = 0; t < n; t++) {
                if (cc[t] == 0) {
                    continue;
                }
                long gridWh = cc[t] - ca[t];
                if (gridWh < 0 || ca[t] < 0) {
                    throw new IllegalStateException(
                            "Common area at [" + t + "]: PV [" + ca[t] + "] Wh above use [" + cc[t] + "] Wh");
                }
                LargestRemainder.splitInto(gridWh, weights, members, m, weightSum, g, rem, sortedRem);
                LargestRemainder.splitInto(ca[t], weights, members, m, weightSum, p, rem, sortedRem);
                for (int j = 0; j < m; j++) {
                    commonGrid[j][t] = g[j];
                    commonPv[j][t] = p[j];
                }
            }
        }

        List<TenancyBill> bills = new ArrayList<>();
        Instant monthFrom = input.from();
        PricedInterval[] pricing = new PricedInterval[n];
        for (int t = 0; t < n; t++) {
            pricing[t] = TariffPricer.priceAt(tariffs, Intervals.start(monthFrom, t), input.zone());
        }
        for (TenancyPeriod tp : input.tenancies()) {
            Integer ci = index.get(Kind.APARTMENT + ":" + tp.apartmentCode());
            if (ci == null) {
                throw new IllegalArgumentException("Tenancy [" + tp.tenancyId() + "] is for apartment ["
                        + tp.apartmentCode() + "], which has no meter data in the month");
            }
            int aj = apartments.indexOf(ci);
            int off = Math.toIntExact(Intervals.index(monthFrom, tp.from()));
            int len = Intervals.count(tp.from(), tp.to());
            long[] cons = slice(c[ci], off, len);
            long[] pv = slice(alloc.intervalPvWh()[ci], off, len);
            long[] grid = new long[len];
            long consumed = 0;
            long pvSum = 0;
            for (int t = 0; t < len; t++) {
                grid[t] = cons[t] - pv[t];
                consumed += cons[t];
                pvSum += pv[t];
            }
            BitSet est = consumers.get(ci).estimated().get(off, off + len);
            List<EvSession> ev = new ArrayList<>();
            for (Session s : input.sessions()) {
                if (s.tenancyId() == tp.tenancyId()
                        && !s.start().isBefore(tp.from())
                        && s.start().isBefore(tp.to())) {
                    Integer chi = index.get(Kind.CHARGER + ":" + s.charger());
                    long pvWh = chi == null ? 0 : sessionPv(s, monthFrom, c[chi], alloc.intervalPvWh()[chi]);
                    ev.add(new EvSession(
                            Long.toString(s.id()), s.start(), s.end(), s.energyWh() - pvWh, pvWh, s.group()));
                }
            }
            List<Adjustment> adj = input.adjustments().getOrDefault(tp.tenancyId(), List.of());
            BillRequest req = new BillRequest(
                    tp.from(),
                    tp.to(),
                    input.zone(),
                    tariffs,
                    grid,
                    pv,
                    est,
                    aj < 0 ? new long[0] : slice(commonGrid[aj], off, len),
                    aj < 0 ? new long[0] : slice(commonPv[aj], off, len),
                    ev,
                    adj);
            bills.add(new TenancyBill(
                    tp,
                    req,
                    BillCalculator.calculate(req, pricing, off),
                    est.cardinality(),
                    consumed,
                    pvSum,
                    consumers.get(ci).missing().get(off, off + len),
                    consumers.get(ci).imported().get(off, off + len)));
        }

        long aptPv = 0;
        long comPv = 0;
        long chPv = 0;
        for (int i = 0; i < consumers.size(); i++) {
            long pv = alloc.consumers().get(i).pvWh();
            switch (consumers.get(i).kind()) {
                case APARTMENT -> aptPv += pv;
                case COMMON -> comPv += pv;
                case CHARGER -> chPv += pv;
            }
        }
        long gi = sum(input.gridImportWh());
        long ge = sum(input.gridExportWh());
        TariffVersion v = tariffs.versionAt(input.month().atDay(1));
        Money feedIn = v.feedInPerKwh().priceFor(ge, BillCalculator.ROUNDING);
        long[] aptTotals = apartments.stream()
                .mapToLong(i -> alloc.consumers().get(i).consumptionWh())
                .sorted()
                .toArray();
        long median = aptTotals.length == 0
                ? 0
                : aptTotals.length % 2 == 1
                        ? aptTotals[aptTotals.length / 2]
                        : (aptTotals[aptTotals.length / 2 - 1] + aptTotals[aptTotals.length / 2]) / 2;
        return new Result(
                input,
                rule,
                bills,
                new Report(alloc.building(), gi, ge, feedIn, aptPv, comPv, chPv),
                median,
                alloc.consumers());
    }

    /**
     * The same month under every key, for the assembly: the allocation of each key side by side.
     *
     * @param input the month
     * @return the comparison; consumers in input order
     */
    public static KeyComparison compareKeys(MonthInput input) {
        long[][] c = new long[input.consumers().size()][];
        for (int i = 0; i < c.length; i++) {
            c[i] = input.consumers().get(i).importWh();
        }
        return PvAllocator.compareKeys(input.pvWh(), c, PvAllocator.allKeys(staticShares(input.consumers())));
    }

    /**
     * One apartment under every key.
     *
     * @param apartmentCode the apartment
     * @param consumptionWh its month consumption
     * @param pvWh          PV allocated under each key, in key order
     * @param gross         its whole-month bill, gross in the tariff's currency (energy, base fee, common area;
     *                      no EV, no adjustments) per key
     */
    public record KeyRow(String apartmentCode, long consumptionWh, List<Long> pvWh, List<BigDecimal> gross) {}

    /**
     * The month's bills under every allocation key, side by side, for the co-op's assembly.
     *
     * @param keys     the keys, in column order
     * @param building the building totals per key
     * @param rows     one row per apartment
     */
    public record KeyBills(List<AllocationKey> keys, List<BuildingTotal> building, List<KeyRow> rows) {}

    /**
     * Bills every apartment for the whole month under each key (as if one tenancy ran all month), so the
     * assembly sees what each key means in money.
     */
    public static KeyBills compareKeyBills(MonthInput input, TariffBook tariffs, CommonKey commonKey) {
        List<TenancyPeriod> whole = new ArrayList<>();
        long i = 0;
        for (Consumer k : input.consumers()) {
            if (k.kind() == Kind.APARTMENT) {
                whole.add(new TenancyPeriod(--i, 0, k.code(), 0, k.code(), input.from(), input.to()));
            }
        }
        MonthInput synthetic = new MonthInput(
                input.month(),
                input.zone(),
                input.pvWh(),
                input.gridImportWh(),
                input.gridExportWh(),
                input.consumers(),
                whole,
                List.of(),
                Map.of());
        List<AllocationKey> keys = List.of(AllocationKey.values());
        List<BuildingTotal> building = new ArrayList<>();
        List<List<Long>> pv = new ArrayList<>();
        List<List<BigDecimal>> gross = new ArrayList<>();
        for (int r = 0; r < whole.size(); r++) {
            pv.add(new ArrayList<>());
            gross.add(new ArrayList<>());
        }
        for (AllocationKey key : keys) {
            Result res = compute(synthetic, tariffs, key, commonKey);
            building.add(res.report().building());
            for (int r = 0; r < whole.size(); r++) {
                pv.get(r).add(res.bills().get(r).pvWh());
                gross.get(r).add(res.bills().get(r).draft().gross().amount());
            }
        }
        List<KeyRow> rows = new ArrayList<>();
        for (int r = 0; r < whole.size(); r++) {
            rows.add(new KeyRow(
                    whole.get(r).apartmentCode(),
                    consumption(input, whole.get(r).apartmentCode()),
                    pv.get(r),
                    gross.get(r)));
        }
        return new KeyBills(keys, building, rows);
    }

    private static long consumption(MonthInput input, String code) {
        for (Consumer k : input.consumers()) {
            if (k.kind() == Kind.APARTMENT && k.code().equals(code)) {
                return sum(k.importWh());
            }
        }
        return 0;
    }

    /** @return the rule for a key; static keys share by floor area among the apartments ({@link AllocationInputs}) */
    public static AllocationRule rule(AllocationKey key, List<Consumer> consumers) {
        return AllocationInputs.rule(key, parties(consumers));
    }

    static Shares staticShares(List<Consumer> consumers) {
        return AllocationInputs.staticShares(parties(consumers));
    }

    private static List<AllocationInputs.Party> parties(List<Consumer> consumers) {
        return consumers.stream()
                .map(k -> new AllocationInputs.Party(k.kind() == Kind.APARTMENT, k.areaM2()))
                .toList();
    }

    private static long[] commonWeights(List<Consumer> consumers, List<Integer> apartments, CommonKey key) {
        return AllocationInputs.commonWeights(
                apartments.stream().map(j -> consumers.get(j).areaM2()).toList(), key == CommonKey.FLOOR_AREA);
    }

    /**
     * A session's PV Wh: its energy times the PV fraction of its charger's consumption over the quarter
     * hours it overlaps (each weighted by the overlap), rounded HALF_UP to the Wh, never above the energy.
     */
    static long sessionPv(Session s, Instant monthFrom, long[] consumption, long[] pv) {
        if (s.energyWh() <= 0) {
            return 0;
        }
        long first = Math.max(0, Intervals.index(monthFrom, s.start()));
        long last = Math.min(
                consumption.length - 1, Intervals.index(monthFrom, s.end().minusSeconds(1)));
        BigDecimal cons = BigDecimal.ZERO;
        BigDecimal sol = BigDecimal.ZERO;
        for (long t = first; t <= last; t++) {
            Instant qs = Intervals.start(monthFrom, t);
            Instant qe = Intervals.end(qs);
            long overlap = Duration.between(
                            s.start().isAfter(qs) ? s.start() : qs, s.end().isBefore(qe) ? s.end() : qe)
                    .getSeconds();
            if (overlap <= 0) {
                continue;
            }
            BigDecimal f = BigDecimal.valueOf(overlap);
            cons = cons.add(BigDecimal.valueOf(consumption[(int) t]).multiply(f));
            sol = sol.add(BigDecimal.valueOf(pv[(int) t]).multiply(f));
        }
        if (cons.signum() == 0) {
            return 0;
        }
        long pvWh = BigDecimal.valueOf(s.energyWh())
                .multiply(sol)
                .divide(cons, 0, RoundingMode.HALF_UP)
                .longValueExact();
        return Math.min(pvWh, s.energyWh());
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
