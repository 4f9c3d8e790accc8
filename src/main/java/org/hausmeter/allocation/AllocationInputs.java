package org.hausmeter.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * Builds what the allocation needs from the building's parties: the {@link AllocationRule} of a key with its
 * static floor-area shares, and the weights by which the common area's energy is shared among the apartments.
 * Pure. Areas count in hundredths of m², rounded HALF_UP.
 */
public final class AllocationInputs {

    private AllocationInputs() {}

    /**
     * A consumer as the allocation inputs see it.
     *
     * @param apartment true for an apartment (the common area and chargers are not)
     * @param areaM2    its floor area, null when unknown
     */
    public record Party(boolean apartment, BigDecimal areaM2) {}

    /** @return the rule of a key; the static keys share by floor area among the apartments ({@link #staticShares}) */
    public static AllocationRule rule(AllocationKey key, List<Party> consumers) {
        return switch (key) {
            case DYNAMIC_PROPORTIONAL -> AllocationRule.dynamic();
            case EQUAL_SHARES -> AllocationRule.equalShares();
            case EQUAL_SHARES_WITH_REDISTRIBUTION -> AllocationRule.equalSharesWithRedistribution();
            case STATIC_SHARES -> AllocationRule.staticShares(staticShares(consumers));
            case STATIC_WITH_REDISTRIBUTION -> AllocationRule.staticWithRedistribution(staticShares(consumers));
        };
    }

    /**
     * Static shares: apartments by floor area in hundredths of m² (1 m² where unknown), the common area and
     * chargers none (they get PV only by redistribution); all equal when there is no apartment.
     */
    public static Shares staticShares(List<Party> consumers) {
        long[] parts = new long[consumers.size()];
        boolean any = false;
        for (int i = 0; i < parts.length; i++) {
            Party p = consumers.get(i);
            if (p.apartment()) {
                parts[i] = p.areaM2() == null ? 100 : hundredths(p.areaM2());
                any = true;
            }
        }
        if (!any) {
            Arrays.fill(parts, 1);
        }
        return Shares.ofParts(parts);
    }

    /**
     * Weights of the apartments in the common area's energy: equal (1 each), or by floor area in hundredths of
     * m² — an apartment without a known area then weighs 1.
     *
     * @param apartmentAreas the apartments' floor areas, in the order of the result, null when unknown
     * @param byFloorArea    true to weigh by floor area
     */
    public static long[] commonWeights(List<BigDecimal> apartmentAreas, boolean byFloorArea) {
        long[] w = new long[apartmentAreas.size()];
        for (int j = 0; j < w.length; j++) {
            BigDecimal area = apartmentAreas.get(j);
            w[j] = byFloorArea && area != null ? hundredths(area) : 1;
        }
        return w;
    }

    private static long hundredths(BigDecimal m2) {
        return m2.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
