package org.hausmeter.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MonthAllocationTest {

    @Test
    void allocateMonth_sumsItsQuarterHours() {
        long[] p = {0, 10, 40, 9};
        long[][] c = {
            {5, 5, 5, 1},
            {0, 10, 20, 4},
            {5, 0, 5, 10},
        };

        MonthAllocation m = PvAllocator.allocateMonth(p, c, AllocationRule.dynamic(), true);

        // t0: nothing; t1: 10 by 5:10 = 3.33, 6.67 -> 3, 7; t2: all 30, 10 exported; t3: 9 by 1:4:10 -> 1, 2, 6
        assertThat(m.intervalPvWh()[0]).containsExactly(0, 3, 5, 1);
        assertThat(m.intervalPvWh()[1]).containsExactly(0, 7, 20, 2);
        assertThat(m.intervalPvWh()[2]).containsExactly(0, 0, 5, 6);
        assertThat(m.intervalExportedWh()).containsExactly(0, 0, 10, 0);
        assertThat(m.consumers())
                .extracting(ConsumerTotal::consumptionWh, ConsumerTotal::pvWh, ConsumerTotal::gridWh)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(16L, 9L, 7L),
                        org.assertj.core.groups.Tuple.tuple(34L, 29L, 5L),
                        org.assertj.core.groups.Tuple.tuple(20L, 11L, 9L));
        assertThat(m.building()).isEqualTo(new BuildingTotal(59, 70, 49, 10, 21));
        assertThat(m.building().selfConsumptionShare()).isEqualByComparingTo("0.8305");
        assertThat(m.building().selfSufficiencyShare()).isEqualByComparingTo("0.7000");
    }

    @Test
    void allocateMonth_withoutIntervals_keepsOnlyTotals() {
        SyntheticMonth month = SyntheticMonth.of(1, 10, 96);

        MonthAllocation lean =
                PvAllocator.allocateMonth(month.productionWh(), month.consumptionWh(), AllocationRule.dynamic(), false);
        MonthAllocation full =
                PvAllocator.allocateMonth(month.productionWh(), month.consumptionWh(), AllocationRule.dynamic(), true);

        assertThat(lean.hasIntervals()).isFalse();
        assertThat(lean.intervalPvWh()).isNull();
        assertThat(full.hasIntervals()).isTrue();
        assertThat(lean.building()).isEqualTo(full.building());
        assertThat(lean.consumers()).isEqualTo(full.consumers());
    }

    @Test
    void allocateMonth_zeroProductionMonth_hasZeroShares() {
        MonthAllocation m =
                PvAllocator.allocateMonth(new long[3], new long[][] {{1, 2, 3}}, AllocationRule.dynamic(), false);

        assertThat(m.building()).isEqualTo(new BuildingTotal(0, 6, 0, 0, 6));
        assertThat(m.building().selfConsumptionShare()).isEqualByComparingTo("0");
        assertThat(m.building().selfConsumptionShare().scale()).isEqualTo(4);
    }

    @Test
    void allocateMonth_dstMonthLengths_areJustArrayLengths() {
        for (int t : new int[] {2_688, 2_784, 2_972, 2_976, 2_980}) {
            SyntheticMonth month = SyntheticMonth.of(t, 5, t);
            MonthAllocation m = PvAllocator.allocateMonth(
                    month.productionWh(), month.consumptionWh(), AllocationRule.equalSharesWithRedistribution(), true);
            assertThat(m.intervalExportedWh()).hasSize(t);
            assertThat(m.building().productionWh())
                    .isEqualTo(Arrays.stream(month.productionWh()).sum());
        }
    }

    @Test
    void allocateMonth_rejectsRowsOfWrongLength_andNegativeValues() {
        assertThatThrownBy(() -> PvAllocator.allocateMonth(
                        new long[3], new long[][] {{1, 2, 3}, {1, 2}}, AllocationRule.dynamic(), false))
                .hasMessage("Consumer [1] has [2] intervals, production has [3]");
        assertThatThrownBy(() -> PvAllocator.allocateMonth(
                        new long[] {0, -4}, new long[][] {{1, 2}}, AllocationRule.dynamic(), false))
                .hasMessage("Production [-4] Wh in interval [1] is negative");
        assertThatThrownBy(() -> PvAllocator.allocateMonth(
                        new long[] {0, 0}, new long[][] {{1, -2}}, AllocationRule.dynamic(), false))
                .hasMessage("Consumption [-2] Wh of consumer [0] in interval [1] is negative");
    }

    /**
     * 200 consumers × 2,976 quarter hours with every key: production is either consumed in the building or
     * exported, and the intervals add up to the totals. (How fast: the billing benchmark's {@code month_run_s}
     * includes this allocation; it is not timed here.)
     */
    @Test
    void allocateMonth_200ConsumersFullMonth_conservesProductionWithEveryKey() {
        SyntheticMonth month = SyntheticMonth.of(2026, 200, 2_976);
        Shares shares = Shares.equal(200);
        for (AllocationRule rule : PvAllocator.allKeys(shares)) {
            MonthAllocation m = PvAllocator.allocateMonth(month.productionWh(), month.consumptionWh(), rule, true);
            assertThat(m.building().selfConsumedWh() + m.building().exportedWh())
                    .as("rule [%s]", rule.key())
                    .isEqualTo(m.building().productionWh());
            assertThat(m.intervalExportedWh()).hasSize(2_976);
            assertThat(Arrays.stream(m.intervalExportedWh()).sum())
                    .as("rule [%s]", rule.key())
                    .isEqualTo(m.building().exportedWh());
        }
    }
}
