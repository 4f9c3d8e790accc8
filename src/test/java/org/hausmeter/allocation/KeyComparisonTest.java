package org.hausmeter.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyComparisonTest {

    @Test
    void compareKeys_workedExampleQuarterHour_sideBySide() {
        KeyComparison k = PvAllocator.compareKeys(
                new long[] {9}, new long[][] {{1}, {4}, {10}}, PvAllocator.allKeys(Shares.ofParts(1, 1, 2)));

        // columns: dynamic, static, static+redistribution, equal, equal+redistribution (see PvAllocatorTest)
        assertThat(k.consumers().get(0).pvWh()).containsExactly(1L, 1L, 1L, 1L, 1L);
        assertThat(k.consumers().get(1).pvWh()).containsExactly(2L, 2L, 3L, 3L, 4L);
        assertThat(k.consumers().get(2).pvWh()).containsExactly(6L, 5L, 5L, 3L, 4L);
        assertThat(k.consumers().get(2).gridWh()).containsExactly(4L, 5L, 5L, 7L, 6L);
        assertThat(k.building()).extracting(BuildingTotal::exportedWh).containsExactly(0L, 1L, 0L, 2L, 0L);
        assertThat(k.building())
                .extracting(b -> b.selfConsumptionShare().toPlainString())
                .containsExactly("1.0000", "0.8889", "1.0000", "0.7778", "1.0000");
    }

    @Test
    void compareKeys_syntheticMonth_matchesEachKeyAloneAndKeepsTotals() {
        SyntheticMonth month = SyntheticMonth.of(7, 40, 2_976);
        long[] parts = new long[40];
        for (int i = 0; i < 40; i++) {
            parts[i] = 50 + i * 3;
        }
        List<AllocationRule> rules = PvAllocator.allKeys(Shares.ofParts(parts));

        KeyComparison k = PvAllocator.compareKeys(month.productionWh(), month.consumptionWh(), rules);

        assertThat(k.rules()).isEqualTo(rules);
        assertThat(k.consumers()).hasSize(40);
        for (int r = 0; r < rules.size(); r++) {
            MonthAllocation alone =
                    PvAllocator.allocateMonth(month.productionWh(), month.consumptionWh(), rules.get(r), false);
            assertThat(k.building().get(r)).isEqualTo(alone.building());
            for (KeyComparison.Row row : k.consumers()) {
                assertThat(row.pvWh().get(r))
                        .isEqualTo(alone.consumers().get(row.consumer()).pvWh());
                assertThat(row.pvWh().get(r) + row.gridWh().get(r)).isEqualTo(row.consumptionWh());
            }
        }
        long dynamicSelf = k.building().get(0).selfConsumedWh();
        assertThat(k.building().get(1).selfConsumedWh()).as("static").isLessThanOrEqualTo(dynamicSelf);
        assertThat(k.building().get(3).selfConsumedWh()).as("equal").isLessThanOrEqualTo(dynamicSelf);
        assertThat(k.building().get(4).selfConsumedWh())
                .as("equal with redistribution")
                .isEqualTo(dynamicSelf);
        assertThat(k.building().get(2).selfConsumedWh())
                .as("static with redistribution")
                .isEqualTo(dynamicSelf);
        assertThat(k.building().get(1).selfConsumedWh())
                .as("static leaves PV unused in a real month")
                .isLessThan(dynamicSelf);
    }

    @Test
    void compareKeys_needsAtLeastOneKey() {
        assertThatThrownBy(() -> PvAllocator.compareKeys(new long[0], new long[0][], List.of()))
                .hasMessage("No keys to compare");
    }
}
