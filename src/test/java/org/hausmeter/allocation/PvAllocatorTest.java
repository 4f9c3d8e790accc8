package org.hausmeter.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Named edge cases for one quarter hour.
 *
 * <p>Worked example (by hand; also in docs/allocation.md): P = 9 Wh, c = [1, 4, 10] Wh, static shares
 * 1 : 1 : 2.
 * <ul>
 *   <li>Dynamic: Σc = 15 &gt; 9, exact shares 9·c/15 = 0.6, 2.4, 6.0; floors 0, 2, 6 (8 Wh), 1 Wh left;
 *       remainders 9·c mod 15 = 9, 6, 0, so consumer 0 gets it: a = [1, 2, 6], surplus 0.</li>
 *   <li>Static: entitlements 9·s/4 = 2.25, 2.25, 4.5; floors 2, 2, 4, 1 Wh left; remainders 1, 1, 2, so
 *       consumer 2: e = [2, 2, 5]; a = min(c, e) = [1, 2, 5], surplus 1 (consumer 0 could not use 1 Wh of
 *       his entitlement, though consumer 1 and 2 wanted it).</li>
 *   <li>Static with redistribution: round 1, R = 9, W = 4: consumer 0 capped (1·4 ≤ 9·1), 1 and 2 not
 *       (4·4 &gt; 9·1, 10·4 &gt; 9·2). Round 2, R = 8, W = 3: nobody capped (4·3 &gt; 8·1, 10·3 &gt; 8·2); split
 *       8 by 1 : 2 = 2.67, 5.33; floors 2, 5, 1 Wh left, remainders 2, 1, so consumer 1: a = [1, 3, 5],
 *       surplus 0.</li>
 *   <li>Equal: entitlements 3, 3, 3; a = [1, 3, 3], surplus 2.</li>
 *   <li>Equal with redistribution: round 1, level 9/3 = 3: consumer 0 capped. Round 2, R = 8, W = 2, level
 *       4: consumer 1 capped (4 ≤ 4). Round 3, R = 4, W = 1: consumer 2 not capped, gets 4: a = [1, 4, 4],
 *       surplus 0.</li>
 * </ul>
 */
class PvAllocatorTest {

    private static final long[] EXAMPLE_C = {1, 4, 10};
    private static final Shares EXAMPLE_SHARES = Shares.ofParts(1, 1, 2);

    @Test
    void workedExample_dynamic() {
        assertAllocation(PvAllocator.allocate(9, EXAMPLE_C, AllocationRule.dynamic()), 0, 1, 2, 6);
    }

    @Test
    void workedExample_static_leavesAllocableEnergyUnused() {
        assertAllocation(PvAllocator.allocate(9, EXAMPLE_C, AllocationRule.staticShares(EXAMPLE_SHARES)), 1, 1, 2, 5);
    }

    @Test
    void workedExample_staticWithRedistribution() {
        assertAllocation(
                PvAllocator.allocate(9, EXAMPLE_C, AllocationRule.staticWithRedistribution(EXAMPLE_SHARES)),
                0,
                1,
                3,
                5);
    }

    @Test
    void workedExample_equal() {
        assertAllocation(PvAllocator.allocate(9, EXAMPLE_C, AllocationRule.equalShares()), 2, 1, 3, 3);
    }

    @Test
    void workedExample_equalWithRedistribution() {
        assertAllocation(
                PvAllocator.allocate(9, EXAMPLE_C, AllocationRule.equalSharesWithRedistribution()), 0, 1, 4, 4);
    }

    @Test
    void allocate_whenProductionExceedsDemand_assignsSurplus() {
        // every key: static entitlements 25, 25, 50 and equal ones 34, 33, 33 all cover the consumption
        for (AllocationRule rule : PvAllocator.allKeys(Shares.ofParts(1, 1, 2))) {
            assertAllocation(PvAllocator.allocate(100, new long[] {10, 20, 30}, rule), 40, 10, 20, 30);
        }
    }

    @Test
    void allocate_equalWithoutRedistribution_whenEntitlementBelowConsumption_exportsTheRest() {
        IntervalAllocation a = PvAllocator.allocate(90, new long[] {10, 20, 50}, AllocationRule.equalShares());

        assertAllocation(a, 30, 10, 20, 30);
        assertThat(a.allocatedTotalWh()).isLessThan(Math.min(90, 80));
    }

    @Test
    void allocate_whenProductionIsZero_allocatesNothing() {
        for (AllocationRule rule : PvAllocator.allKeys(Shares.ofParts(1, 2, 3))) {
            assertAllocation(PvAllocator.allocate(0, new long[] {5, 0, 7}, rule), 0, 0, 0, 0);
        }
    }

    @Test
    void allocate_whenConsumptionIsZero_exportsEverything() {
        for (AllocationRule rule : PvAllocator.allKeys(Shares.ofParts(1, 2, 3))) {
            assertAllocation(PvAllocator.allocate(123, new long[] {0, 0, 0}, rule), 123, 0, 0, 0);
        }
    }

    @Test
    void allocate_whenNoConsumers_exportsEverything() {
        assertAllocation(PvAllocator.allocate(50, new long[0], AllocationRule.dynamic()), 50);
        assertAllocation(PvAllocator.allocate(50, new long[0], AllocationRule.equalSharesWithRedistribution()), 50);
    }

    @Test
    void allocate_oneConsumer_getsMinOfProductionAndConsumption() {
        for (AllocationRule rule : PvAllocator.allKeys(Shares.ofParts(7))) {
            assertAllocation(PvAllocator.allocate(30, new long[] {50}, rule), 0, 30);
            assertAllocation(PvAllocator.allocate(80, new long[] {50}, rule), 30, 50);
        }
    }

    @Test
    void allocate_whenProductionEqualsTotalConsumption_redistributingKeysUseItAll() {
        long[] c = {3, 9, 0, 12};
        Shares shares = Shares.ofParts(1, 1, 1, 1);
        assertAllocation(PvAllocator.allocate(24, c, AllocationRule.dynamic()), 0, 3, 9, 0, 12);
        assertAllocation(PvAllocator.allocate(24, c, AllocationRule.staticWithRedistribution(shares)), 0, 3, 9, 0, 12);
        assertAllocation(PvAllocator.allocate(24, c, AllocationRule.equalSharesWithRedistribution()), 0, 3, 9, 0, 12);
        // static: entitlements 6 each, consumer 0 and 2 leave 3 + 6 Wh unused
        assertAllocation(PvAllocator.allocate(24, c, AllocationRule.staticShares(shares)), 9, 3, 6, 0, 6);
        assertAllocation(PvAllocator.allocate(24, c, AllocationRule.equalShares()), 9, 3, 6, 0, 6);
    }

    @Test
    void allocate_staticShareLargerThanConsumption_exportsTheDifference() {
        // entitlements 80, 20; consumer 0 uses 5 of his 80, consumer 1 wants 50 but gets only his 20
        IntervalAllocation a = PvAllocator.allocate(
                100,
                new long[] {5, 50},
                AllocationRule.staticShares(Shares.ofFractions(new BigDecimal("0.8"), new BigDecimal("0.2"))));

        assertAllocation(a, 75, 5, 20);
        assertThat(a.gridWh(1)).isEqualTo(30);
    }

    @Test
    void allocate_staticShareLargerThanConsumption_withRedistribution_passesItOn() {
        IntervalAllocation a = PvAllocator.allocate(
                100,
                new long[] {5, 50},
                AllocationRule.staticWithRedistribution(
                        Shares.ofFractions(new BigDecimal("0.8"), new BigDecimal("0.2"))));

        assertAllocation(a, 45, 5, 50);
    }

    @Test
    void allocate_waterFilling_takesSeveralRounds() {
        // level 20/4 = 5 caps 1 and 4; then 15/2 = 7.5 caps 6; then 9/1 for the last
        long[] c = {1, 4, 6, 100};
        assertAllocation(PvAllocator.allocate(20, c, AllocationRule.equalSharesWithRedistribution()), 0, 1, 4, 6, 9);
        // shares 2:1:1:1, 20/5 = 4 per part caps 1 (≤ 8) and 4 (≤ 4); 15/2 = 7.5 caps 6; 9/1 for the last
        assertAllocation(
                PvAllocator.allocate(20, c, AllocationRule.staticWithRedistribution(Shares.ofParts(2, 1, 1, 1))),
                0,
                1,
                4,
                6,
                9);
    }

    @Test
    void allocate_waterFilling_consumerWithShareZeroGetsNothing() {
        IntervalAllocation a = PvAllocator.allocate(
                100, new long[] {10, 10, 10}, AllocationRule.staticWithRedistribution(Shares.ofParts(1, 0, 1)));

        assertAllocation(a, 80, 10, 0, 10);
    }

    @Test
    void allocate_roundingTie_goesToLowerIndex() {
        assertAllocation(PvAllocator.allocate(2, new long[] {5, 5, 5}, AllocationRule.dynamic()), 0, 1, 1, 0);
        assertAllocation(PvAllocator.allocate(2, new long[] {5, 5, 5}, AllocationRule.equalShares()), 0, 1, 1, 0);
        assertAllocation(
                PvAllocator.allocate(1, new long[] {5, 5, 5}, AllocationRule.equalSharesWithRedistribution()),
                0,
                1,
                0,
                0);
    }

    @Test
    void allocate_hugeValues_stayExactBeyondLongProducts() {
        long p = 4_000_000_000_000_000L;
        long[] c = {3_000_000_000_000_000L, 3_000_000_000_000_001L, 7};
        IntervalAllocation a = PvAllocator.allocate(p, c, AllocationRule.dynamic());

        assertThat(a.allocatedTotalWh() + a.surplusWh()).isEqualTo(p);
        assertThat(a.surplusWh()).isZero();
        assertThat(a.allocatedWh(0)).isBetween(1_999_999_999_999_996L, 2_000_000_000_000_000L);
    }

    @Test
    void allocate_isPure_sameInputSameOutput() {
        long[] c = {13, 0, 7, 29, 2};
        for (AllocationRule rule : PvAllocator.allKeys(Shares.ofParts(3, 1, 4, 1, 5))) {
            assertThat(PvAllocator.allocate(31, c, rule)).isEqualTo(PvAllocator.allocate(31, c.clone(), rule));
        }
        assertThat(c).containsExactly(13, 0, 7, 29, 2);
    }

    @Test
    void rejectsBadInput_withTheValueInBrackets() {
        assertThatThrownBy(() -> PvAllocator.allocate(-1, new long[] {1}, AllocationRule.dynamic()))
                .hasMessageContaining("[-1]");
        assertThatThrownBy(() -> PvAllocator.allocate(1, new long[] {1, -5}, AllocationRule.dynamic()))
                .hasMessageContaining("[-5]")
                .hasMessageContaining("consumer [1]");
        assertThatThrownBy(() -> PvAllocator.allocate(
                        1, new long[] {1, 2}, AllocationRule.staticShares(Shares.ofParts(1, 1, 1))))
                .hasMessageContaining("[3] shares for [2]");
        assertThatThrownBy(() -> PvAllocator.allocate(1, new long[] {Long.MAX_VALUE, 1}, AllocationRule.dynamic()))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new AllocationRule(AllocationKey.STATIC_SHARES, null))
                .hasMessageContaining("[STATIC_SHARES]");
        assertThatThrownBy(() -> new AllocationRule(AllocationKey.DYNAMIC_PROPORTIONAL, Shares.equal(2)))
                .hasMessageContaining("takes no shares");
    }

    @Test
    void shares_fromFractionsOrParts() {
        Shares s = Shares.ofFractions(new BigDecimal("0.3333"), new BigDecimal("0.3333"), new BigDecimal("0.3334"));

        assertThat(s.parts()).containsExactly(3333, 3333, 3334);
        assertThat(s.fraction(2)).isEqualByComparingTo("0.3334");
        assertThat(Shares.equal(3)).isEqualTo(Shares.ofParts(1, 1, 1));
        assertThatThrownBy(() -> Shares.ofFractions(new BigDecimal("0.5"), new BigDecimal("0.4")))
                .hasMessageContaining("[0.9]");
        assertThatThrownBy(() -> Shares.ofParts(0, 0)).hasMessageContaining("[2]");
        assertThatThrownBy(() -> Shares.ofParts(1, -1)).hasMessageContaining("[-1]");
    }

    @Test
    void allKeys_listsFiveKeysWithShares_threeWithout() {
        assertThat(PvAllocator.allKeys(Shares.equal(2)))
                .extracting(AllocationRule::key)
                .containsExactly(
                        AllocationKey.DYNAMIC_PROPORTIONAL,
                        AllocationKey.STATIC_SHARES,
                        AllocationKey.STATIC_WITH_REDISTRIBUTION,
                        AllocationKey.EQUAL_SHARES,
                        AllocationKey.EQUAL_SHARES_WITH_REDISTRIBUTION);
        assertThat(PvAllocator.allKeys(null)).hasSize(3);
        assertThat(List.of(AllocationKey.values()))
                .filteredOn(AllocationKey::redistributes)
                .hasSize(2);
    }

    private static void assertAllocation(IntervalAllocation a, long surplusWh, long... allocatedWh) {
        assertThat(a.allocatedWh()).as("allocation of %s", a).containsExactly(allocatedWh);
        assertThat(a.surplusWh()).as("surplus of %s", a).isEqualTo(surplusWh);
    }
}
