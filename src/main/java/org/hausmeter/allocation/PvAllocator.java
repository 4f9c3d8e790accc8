package org.hausmeter.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits PV production among consumers per quarter hour (docs/domain.md 3, docs/allocation.md). Pure: no I/O,
 * no clock, no randomness; the same arguments always give the same result.
 *
 * <p>Units: energy in whole Wh ({@code long}), production P ≥ 0 and consumptions c_i ≥ 0 per quarter hour.
 * Consumers are identified by their index only (apartments, common area, chargers: the caller maps ids).
 *
 * <p>Rules, per quarter hour, with exact integer arithmetic:
 * <ul>
 *   <li>{@link AllocationKey#DYNAMIC_PROPORTIONAL}: if Σc ≤ P then a_i = c_i; otherwise P is split in
 *       proportion to c_i by largest remainder.</li>
 *   <li>{@link AllocationKey#STATIC_SHARES}, {@link AllocationKey#EQUAL_SHARES}: P is split into whole-Wh
 *       entitlements e_i in proportion to the shares by largest remainder (Σe_i = P); a_i = min(c_i, e_i);
 *       what is left of an entitlement is exported.</li>
 *   <li>{@link AllocationKey#STATIC_WITH_REDISTRIBUTION}, {@link AllocationKey#EQUAL_SHARES_WITH_REDISTRIBUTION}:
 *       rounds on the exact remainder R (first P) and the shares W of the consumers not yet capped: every
 *       consumer with c_i·W ≤ R·s_i is capped at a_i = c_i; repeat with the rest until a round caps nobody,
 *       then split R among the rest by largest remainder on their shares. Consumers with share 0 get 0.</li>
 * </ul>
 *
 * <p>Rounding (largest remainder, Hamilton): each part first gets floor(total·w_i/Σw); the Wh left over go
 * one each to the largest remainders total·w_i mod Σw, equal remainders to the lower index. So rounding
 * never creates or loses a Wh and each part is within 1 Wh of its exact share. The extra Wh never breaks
 * a_i ≤ c_i: in the dynamic and water-filling keys a part is rounded only when its exact value is strictly
 * below c_i, so its ceiling is still ≤ c_i; static entitlements are capped at c_i after rounding.
 *
 * <p>Guarantees for every key: 0 ≤ a_i ≤ c_i; Σa_i ≤ P; Σa_i + surplus = P exactly. Dynamic and equal with
 * redistribution: Σa_i = min(P, Σc). Static with redistribution: Σa_i = min(P, Σ c_i over s_i &gt; 0).
 * Static and equal without redistribution: Σa_i ≤ min(P, Σc), possibly less (that is the static key).
 *
 * <p>Every method throws {@link IllegalArgumentException} on a negative energy, mismatched array lengths,
 * shares not matching the number of consumers, or a sum overflowing a long.
 */
public final class PvAllocator {

    private PvAllocator() {}

    /**
     * Splits one quarter hour.
     *
     * @param productionWh PV production P, Wh, ≥ 0
     * @param consumptionWh consumption c_i per consumer, Wh, each ≥ 0; may be empty (then all is surplus)
     * @param rule the key
     * @return the allocation
     */
    public static IntervalAllocation allocate(long productionWh, long[] consumptionWh, AllocationRule rule) {
        Objects.requireNonNull(rule, "rule");
        checkProduction(productionWh, 0);
        for (int i = 0; i < consumptionWh.length; i++) {
            checkConsumption(consumptionWh[i], i, 0);
        }
        long[] out = new long[consumptionWh.length];
        long surplus = new IntervalEngine(rule, consumptionWh.length).allocate(productionWh, consumptionWh, out);
        return new IntervalAllocation(productionWh, consumptionWh, out, surplus);
    }

    /**
     * Splits a month (or any run of T quarter hours; a month has 2,688 (February) to 2,976 of them, 4 fewer
     * in March and 4 more in October around the DST change).
     *
     * @param productionWh P[t], Wh, length T
     * @param consumptionWh c[i][t], Wh, one row of length T per consumer
     * @param rule the key
     * @param keepIntervals true to return a_i and the surplus for every quarter hour as well
     * @return totals per consumer and for the building
     */
    public static MonthAllocation allocateMonth(
            long[] productionWh, long[][] consumptionWh, AllocationRule rule, boolean keepIntervals) {
        Objects.requireNonNull(rule, "rule");
        int t = productionWh.length;
        int n = consumptionWh.length;
        checkMonth(productionWh, consumptionWh);
        IntervalEngine engine = new IntervalEngine(rule, n);
        long[] c = new long[n];
        long[] a = new long[n];
        long[] consumed = new long[n];
        long[] pv = new long[n];
        long[][] intervalPv = keepIntervals ? new long[n][t] : null;
        long[] intervalExported = keepIntervals ? new long[t] : null;
        long produced = 0;
        long exported = 0;
        for (int k = 0; k < t; k++) {
            for (int i = 0; i < n; i++) {
                c[i] = consumptionWh[i][k];
            }
            long surplus = engine.allocate(productionWh[k], c, a);
            produced = Math.addExact(produced, productionWh[k]);
            exported += surplus;
            for (int i = 0; i < n; i++) {
                consumed[i] = Math.addExact(consumed[i], c[i]);
                pv[i] += a[i];
            }
            if (keepIntervals) {
                for (int i = 0; i < n; i++) {
                    intervalPv[i][k] = a[i];
                }
                intervalExported[k] = surplus;
            }
        }
        List<ConsumerTotal> consumers = new ArrayList<>(n);
        long consumedTotal = 0;
        long pvTotal = 0;
        for (int i = 0; i < n; i++) {
            consumers.add(new ConsumerTotal(i, consumed[i], pv[i], consumed[i] - pv[i]));
            consumedTotal = Math.addExact(consumedTotal, consumed[i]);
            pvTotal += pv[i];
        }
        BuildingTotal building = new BuildingTotal(produced, consumedTotal, pvTotal, exported, consumedTotal - pvTotal);
        return new MonthAllocation(rule, building, consumers, intervalPv, intervalExported);
    }

    /**
     * Splits the same month under each rule and lays the results side by side.
     *
     * @param productionWh P[t], Wh
     * @param consumptionWh c[i][t], Wh
     * @param rules the keys to compare, at least one
     * @return per consumer and per key the PV and grid Wh, and the building totals per key
     */
    public static KeyComparison compareKeys(long[] productionWh, long[][] consumptionWh, List<AllocationRule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("No keys to compare");
        }
        List<MonthAllocation> months = new ArrayList<>(rules.size());
        for (AllocationRule rule : rules) {
            months.add(allocateMonth(productionWh, consumptionWh, rule, false));
        }
        List<BuildingTotal> building =
                months.stream().map(MonthAllocation::building).toList();
        List<KeyComparison.Row> rows = new ArrayList<>(consumptionWh.length);
        for (int i = 0; i < consumptionWh.length; i++) {
            List<Long> pv = new ArrayList<>(rules.size());
            List<Long> grid = new ArrayList<>(rules.size());
            for (MonthAllocation m : months) {
                pv.add(m.consumers().get(i).pvWh());
                grid.add(m.consumers().get(i).gridWh());
            }
            rows.add(new KeyComparison.Row(i, months.get(0).consumers().get(i).consumptionWh(), pv, grid));
        }
        return new KeyComparison(rules, building, rows);
    }

    /**
     * All five keys: dynamic, static, static with redistribution, equal, equal with redistribution; the two
     * static keys only if {@code staticShares} is not null.
     *
     * @param staticShares the shares for the static keys, or null to leave them out
     * @return the rules, in that order
     */
    public static List<AllocationRule> allKeys(Shares staticShares) {
        List<AllocationRule> rules = new ArrayList<>();
        rules.add(AllocationRule.dynamic());
        if (staticShares != null) {
            rules.add(AllocationRule.staticShares(staticShares));
            rules.add(AllocationRule.staticWithRedistribution(staticShares));
        }
        rules.add(AllocationRule.equalShares());
        rules.add(AllocationRule.equalSharesWithRedistribution());
        return rules;
    }

    private static void checkMonth(long[] productionWh, long[][] consumptionWh) {
        int t = productionWh.length;
        for (int k = 0; k < t; k++) {
            checkProduction(productionWh[k], k);
        }
        for (int i = 0; i < consumptionWh.length; i++) {
            long[] row = consumptionWh[i];
            if (row.length != t) {
                throw new IllegalArgumentException(
                        "Consumer [" + i + "] has [" + row.length + "] intervals, production has [" + t + "]");
            }
            for (int k = 0; k < t; k++) {
                checkConsumption(row[k], i, k);
            }
        }
    }

    private static void checkProduction(long wh, int interval) {
        if (wh < 0) {
            throw new IllegalArgumentException("Production [" + wh + "] Wh in interval [" + interval + "] is negative");
        }
    }

    private static void checkConsumption(long wh, int consumer, int interval) {
        if (wh < 0) {
            throw new IllegalArgumentException("Consumption [" + wh + "] Wh of consumer [" + consumer
                    + "] in interval [" + interval + "] is negative");
        }
    }
}
