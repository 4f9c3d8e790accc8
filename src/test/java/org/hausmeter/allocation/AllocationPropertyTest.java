package org.hausmeter.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Invariants over thousands of random quarter hours per key (seeded {@link Random}, so a failure names its
 * seed and replays). Each result is also checked against an independent exact reference: every a_i is the
 * floor or the ceiling of the exact (unrounded) allocation. The water-filling reference sorts consumers by
 * c_i/s_i and raises one level, unlike the implementation's rounds.
 */
class AllocationPropertyTest {

    private static final int RUNS = 5_000;

    @Test
    void everyKey_keepsAllInvariants_forRandomQuarterHours() {
        for (int seed = 0; seed < RUNS; seed++) {
            Random rnd = new Random(seed);
            long[] c = randomConsumption(rnd);
            long p = randomProduction(rnd, c);
            Shares shares = randomShares(rnd, c.length);
            for (AllocationRule rule : PvAllocator.allKeys(shares)) {
                checkInterval(seed, p, c, rule);
            }
        }
    }

    @Test
    void month_totalsEqualTheSumOfItsQuarterHours_forRandomMonths() {
        for (int seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            int t = rnd.nextInt(100);
            int n = 1 + rnd.nextInt(12);
            long[][] c = new long[n][t];
            long[] p = new long[t];
            for (int k = 0; k < t; k++) {
                long[] col = randomConsumption(rnd, n);
                for (int i = 0; i < n; i++) {
                    c[i][k] = col[i];
                }
                p[k] = randomProduction(rnd, col);
            }
            for (AllocationRule rule : PvAllocator.allKeys(randomShares(rnd, n))) {
                MonthAllocation m = PvAllocator.allocateMonth(p, c, rule, true);
                String ctx = "seed [" + seed + "] rule [" + rule + "]";
                long[] col = new long[n];
                long self = 0;
                for (int k = 0; k < t; k++) {
                    for (int i = 0; i < n; i++) {
                        col[i] = c[i][k];
                    }
                    IntervalAllocation a = PvAllocator.allocate(p[k], col, rule);
                    for (int i = 0; i < n; i++) {
                        assertThat(m.intervalPvWh()[i][k]).as(ctx).isEqualTo(a.allocatedWh(i));
                    }
                    assertThat(m.intervalExportedWh()[k]).as(ctx).isEqualTo(a.surplusWh());
                    self += a.allocatedTotalWh();
                }
                BuildingTotal b = m.building();
                assertThat(b.productionWh()).as(ctx).isEqualTo(Arrays.stream(p).sum());
                assertThat(b.selfConsumedWh()).as(ctx).isEqualTo(self);
                assertThat(b.selfConsumedWh() + b.exportedWh()).as(ctx).isEqualTo(b.productionWh());
                assertThat(b.selfConsumedWh() + b.gridWh()).as(ctx).isEqualTo(b.consumptionWh());
                for (ConsumerTotal ct : m.consumers()) {
                    assertThat(ct.consumptionWh())
                            .as(ctx)
                            .isEqualTo(Arrays.stream(c[ct.consumer()]).sum());
                    assertThat(ct.pvWh())
                            .as(ctx)
                            .isEqualTo(Arrays.stream(m.intervalPvWh()[ct.consumer()])
                                    .sum());
                    assertThat(ct.pvWh() + ct.gridWh()).as(ctx).isEqualTo(ct.consumptionWh());
                }
            }
        }
    }

    private static void checkInterval(int seed, long p, long[] c, AllocationRule rule) {
        IntervalAllocation a = PvAllocator.allocate(p, c, rule);
        long sumA = 0;
        long sumC = 0;
        long sumCParticipants = 0;
        long[][] exact = exactBounds(p, c, rule);
        for (int i = 0; i < c.length; i++) {
            long ai = a.allocatedWh(i);
            check(ai >= 0 && ai <= c[i], "0 ≤ a[" + i + "] ≤ c", seed, p, c, rule, a);
            check(
                    ai >= exact[0][i] && ai <= exact[1][i],
                    "a[" + i + "] is floor [" + exact[0][i] + "] or ceiling [" + exact[1][i] + "] of the exact share",
                    seed,
                    p,
                    c,
                    rule,
                    a);
            sumA += ai;
            sumC += c[i];
            if (rule.shares() == null || rule.shares().part(i) > 0) {
                sumCParticipants += c[i];
            }
        }
        check(sumA <= p, "Σa ≤ P", seed, p, c, rule, a);
        check(a.surplusWh() >= 0, "surplus ≥ 0", seed, p, c, rule, a);
        check(sumA + a.surplusWh() == p, "Σa + surplus = P", seed, p, c, rule, a);
        switch (rule.key()) {
            case DYNAMIC_PROPORTIONAL, EQUAL_SHARES_WITH_REDISTRIBUTION ->
                check(sumA == Math.min(p, sumC), "Σa = min(P, Σc)", seed, p, c, rule, a);
            case STATIC_WITH_REDISTRIBUTION ->
                check(
                        sumA == Math.min(p, sumCParticipants),
                        "Σa = min(P, Σc of consumers with a share)",
                        seed,
                        p,
                        c,
                        rule,
                        a);
            case STATIC_SHARES, EQUAL_SHARES ->
                check(sumA <= Math.min(p, sumC), "Σa ≤ min(P, Σc)", seed, p, c, rule, a);
        }
    }

    private static void check(
            boolean ok, String invariant, int seed, long p, long[] c, AllocationRule rule, IntervalAllocation a) {
        if (!ok) {
            fail("Invariant [" + invariant + "] broken: seed [" + seed + "] rule [" + rule + "] P [" + p + "] c "
                    + Arrays.toString(c) + " a " + Arrays.toString(a.allocatedWh()) + " surplus [" + a.surplusWh()
                    + "]");
        }
    }

    @Test
    void staticKeys_leaveAllocableEnergyUnused_inSomeQuarterHours_redistributingKeysNever() {
        int staticShort = 0;
        int equalShort = 0;
        for (int seed = 0; seed < 1_000; seed++) {
            Random rnd = new Random(seed);
            long[] c = randomConsumption(rnd, 2 + rnd.nextInt(10));
            long p = randomProduction(rnd, c);
            long allocable = Math.min(p, Arrays.stream(c).sum());
            if (PvAllocator.allocate(p, c, AllocationRule.staticShares(Shares.equal(c.length)))
                            .allocatedTotalWh()
                    < allocable) {
                staticShort++;
            }
            if (PvAllocator.allocate(p, c, AllocationRule.equalShares()).allocatedTotalWh() < allocable) {
                equalShort++;
            }
            assertThat(PvAllocator.allocate(p, c, AllocationRule.equalSharesWithRedistribution())
                            .allocatedTotalWh())
                    .isEqualTo(allocable);
            assertThat(PvAllocator.allocate(p, c, AllocationRule.staticWithRedistribution(Shares.equal(c.length)))
                            .allocatedTotalWh())
                    .isEqualTo(allocable);
        }
        assertThat(staticShort).isGreaterThan(100);
        assertThat(equalShort).isEqualTo(staticShort);
    }

    @Test
    void equalSharesKeys_equalStaticKeysWithEqualShares() {
        for (int seed = 0; seed < 1_000; seed++) {
            Random rnd = new Random(seed);
            long[] c = randomConsumption(rnd);
            long p = randomProduction(rnd, c);
            Shares equal = Shares.equal(c.length);
            assertThat(PvAllocator.allocate(p, c, AllocationRule.equalShares()).allocatedWh())
                    .containsExactly(PvAllocator.allocate(p, c, AllocationRule.staticShares(equal))
                            .allocatedWh());
            assertThat(PvAllocator.allocate(p, c, AllocationRule.equalSharesWithRedistribution())
                            .allocatedWh())
                    .containsExactly(PvAllocator.allocate(p, c, AllocationRule.staticWithRedistribution(equal))
                            .allocatedWh());
        }
    }

    @Test
    void compareProducts_isExactBeyondLongRange() {
        Random rnd = new Random(42);
        for (int k = 0; k < 10_000; k++) {
            long[] v = new long[4];
            for (int j = 0; j < 4; j++) {
                v[j] = rnd.nextBoolean() ? rnd.nextLong() >>> 1 : rnd.nextInt(1000);
            }
            int expected = BigInteger.valueOf(v[0])
                    .multiply(BigInteger.valueOf(v[1]))
                    .compareTo(BigInteger.valueOf(v[2]).multiply(BigInteger.valueOf(v[3])));
            assertThat(Integer.signum(IntervalEngine.compareProducts(v[0], v[1], v[2], v[3])))
                    .as("values %s", Arrays.toString(v))
                    .isEqualTo(expected);
        }
    }

    /** Floor and ceiling of the unrounded allocation: {@code [0][i]} and {@code [1][i]}, exact rationals. */
    private static long[][] exactBounds(long p, long[] c, AllocationRule rule) {
        int n = c.length;
        long[][] bounds = new long[2][n];
        BigInteger bp = BigInteger.valueOf(p);
        long[] s = rule.shares() != null
                ? rule.shares().parts()
                : Shares.equal(Math.max(1, n)).parts();
        switch (rule.key()) {
            case DYNAMIC_PROPORTIONAL -> {
                long sum = Arrays.stream(c).sum();
                for (int i = 0; i < n; i++) {
                    if (sum <= p) {
                        bounds[0][i] = c[i];
                        bounds[1][i] = c[i];
                    } else {
                        setRatio(bounds, i, bp.multiply(BigInteger.valueOf(c[i])), BigInteger.valueOf(sum));
                    }
                }
            }
            case STATIC_SHARES, EQUAL_SHARES -> {
                BigInteger w = BigInteger.valueOf(Arrays.stream(s).sum());
                for (int i = 0; i < n; i++) {
                    setRatio(bounds, i, bp.multiply(BigInteger.valueOf(s[i])), w);
                    bounds[0][i] = Math.min(c[i], bounds[0][i]);
                    bounds[1][i] = Math.min(c[i], bounds[1][i]);
                }
            }
            case STATIC_WITH_REDISTRIBUTION, EQUAL_SHARES_WITH_REDISTRIBUTION -> {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (s[i] > 0) {
                        order.add(i);
                    }
                }
                order.sort((i, j) -> BigInteger.valueOf(c[i])
                        .multiply(BigInteger.valueOf(s[j]))
                        .compareTo(BigInteger.valueOf(c[j]).multiply(BigInteger.valueOf(s[i]))));
                BigInteger r = bp;
                BigInteger w = BigInteger.ZERO;
                for (int i : order) {
                    w = w.add(BigInteger.valueOf(s[i]));
                }
                int k = 0;
                while (k < order.size()) {
                    int i = order.get(k);
                    if (BigInteger.valueOf(c[i]).multiply(w).compareTo(r.multiply(BigInteger.valueOf(s[i]))) > 0) {
                        break;
                    }
                    bounds[0][i] = c[i];
                    bounds[1][i] = c[i];
                    r = r.subtract(BigInteger.valueOf(c[i]));
                    w = w.subtract(BigInteger.valueOf(s[i]));
                    k++;
                }
                for (; k < order.size(); k++) {
                    int i = order.get(k);
                    setRatio(bounds, i, r.multiply(BigInteger.valueOf(s[i])), w);
                }
            }
        }
        return bounds;
    }

    private static void setRatio(long[][] bounds, int i, BigInteger num, BigInteger den) {
        BigInteger[] qr = num.divideAndRemainder(den);
        bounds[0][i] = qr[0].longValueExact();
        bounds[1][i] = qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
    }

    private static long[] randomConsumption(Random rnd) {
        int n = switch (rnd.nextInt(10)) {
            case 0 -> 1;
            case 1 -> 200;
            default -> 2 + rnd.nextInt(20);
        };
        return randomConsumption(rnd, n);
    }

    private static long[] randomConsumption(Random rnd, int n) {
        int scale = rnd.nextInt(4);
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            c[i] = switch (scale) {
                case 0 -> rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(6);
                case 1 -> rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(2_000);
                case 2 -> rnd.nextInt(10) == 0 ? rnd.nextInt(30_000) : rnd.nextInt(400);
                default -> rnd.nextLong() >>> 12;
            };
        }
        return c;
    }

    private static long randomProduction(Random rnd, long[] c) {
        long sum = Arrays.stream(c).sum();
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> sum;
            case 2 -> rnd.nextInt(10);
            case 3 -> sum + rnd.nextInt(1_000);
            default -> sum == 0 ? rnd.nextInt(100) : (long) (rnd.nextDouble() * sum);
        };
    }

    private static Shares randomShares(Random rnd, int n) {
        long[] parts = new long[n];
        for (int i = 0; i < n; i++) {
            parts[i] = switch (rnd.nextInt(5)) {
                case 0 -> 0;
                case 1 -> 1 + rnd.nextInt(1_000_000_000);
                default -> 1 + rnd.nextInt(10);
            };
        }
        parts[rnd.nextInt(n)] += 1;
        return Shares.ofParts(parts);
    }
}
