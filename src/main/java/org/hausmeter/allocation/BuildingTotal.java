package org.hausmeter.allocation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The building's month under one key, whole Wh.
 * {@code productionWh = selfConsumedWh + exportedWh} and {@code consumptionWh = selfConsumedWh + gridWh}.
 *
 * @param productionWh Σ P, PV produced, Wh
 * @param consumptionWh Σ Σ c_i, consumed by all consumers, Wh
 * @param selfConsumedWh Σ Σ a_i, PV allocated to consumers, Wh
 * @param exportedWh Σ surplus, PV fed into the grid, Wh
 * @param gridWh Σ Σ (c_i − a_i), drawn from the grid by the consumers, Wh
 */
public record BuildingTotal(long productionWh, long consumptionWh, long selfConsumedWh, long exportedWh, long gridWh) {

    /**
     * @return self-consumption share = selfConsumed / production, 4 decimals HALF_UP (0.6250 = 62.5 % of the
     *     PV stayed in the building); 0 when nothing was produced
     */
    public BigDecimal selfConsumptionShare() {
        return ratio(selfConsumedWh, productionWh);
    }

    /**
     * @return self-sufficiency (autarky) = selfConsumed / consumption, 4 decimals HALF_UP; 0 when nothing was
     *     consumed
     */
    public BigDecimal selfSufficiencyShare() {
        return ratio(selfConsumedWh, consumptionWh);
    }

    private static BigDecimal ratio(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
