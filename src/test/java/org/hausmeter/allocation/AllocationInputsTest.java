package org.hausmeter.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.hausmeter.allocation.AllocationInputs.Party;
import org.junit.jupiter.api.Test;

/** The allocation inputs built from the building's parties: static floor-area shares and common-area weights. */
class AllocationInputsTest {

    private static final List<Party> BUILDING = List.of(
            new Party(true, new BigDecimal("54.355")),
            new Party(true, null),
            new Party(false, null),
            new Party(true, new BigDecimal("80")),
            new Party(false, new BigDecimal("12")));

    @Test
    void staticShares_apartmentsByFloorAreaInHundredthsHalfUp_unknownAs1m2_othersNone() {
        assertThat(AllocationInputs.staticShares(BUILDING).parts()).containsExactly(5436, 100, 0, 8000, 0);
    }

    @Test
    void staticShares_withoutApartments_areEqual() {
        assertThat(AllocationInputs.staticShares(List.of(new Party(false, null), new Party(false, BigDecimal.TEN)))
                        .parts())
                .containsExactly(1, 1);
    }

    @Test
    void rule_givesSharesOnlyToTheStaticKeys() {
        for (AllocationKey k : AllocationKey.values()) {
            AllocationRule r = AllocationInputs.rule(k, BUILDING);
            assertThat(r.key()).isEqualTo(k);
            if (k.needsShares()) {
                assertThat(r.shares().parts()).containsExactly(5436, 100, 0, 8000, 0);
            } else {
                assertThat(r.shares()).isNull();
            }
        }
    }

    @Test
    void commonWeights_equal_orByFloorArea_unknownAreaWeighing1() {
        List<BigDecimal> areas = Arrays.asList(new BigDecimal("54.355"), null, new BigDecimal("80"));
        assertThat(AllocationInputs.commonWeights(areas, false)).containsExactly(1, 1, 1);
        assertThat(AllocationInputs.commonWeights(areas, true)).containsExactly(5436, 1, 8000);
        assertThat(AllocationInputs.commonWeights(List.of(), true)).isEmpty();
    }
}
