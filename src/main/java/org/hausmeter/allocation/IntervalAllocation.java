package org.hausmeter.allocation;

import java.util.Arrays;

/**
 * The split of one quarter hour's PV production. All values whole Wh.
 *
 * <p>Guaranteed by {@link PvAllocator}: 0 ≤ allocatedWh[i] ≤ consumptionWh[i]; Σ allocatedWh + surplusWh =
 * productionWh exactly; surplusWh ≥ 0. Immutable: arrays are copied in and out.
 *
 * @param productionWh PV production P of the quarter hour, Wh
 * @param consumptionWh consumption c_i per consumer, Wh
 * @param allocatedWh PV allocated a_i per consumer, Wh, same order
 * @param surplusWh PV not allocated, exported to the grid, Wh
 */
public record IntervalAllocation(long productionWh, long[] consumptionWh, long[] allocatedWh, long surplusWh) {

    public IntervalAllocation {
        consumptionWh = consumptionWh.clone();
        allocatedWh = allocatedWh.clone();
    }

    @Override
    public long[] consumptionWh() {
        return consumptionWh.clone();
    }

    @Override
    public long[] allocatedWh() {
        return allocatedWh.clone();
    }

    /** @return a_i, Wh */
    public long allocatedWh(int consumer) {
        return allocatedWh[consumer];
    }

    /** @return c_i − a_i, the consumer's draw from the grid, Wh */
    public long gridWh(int consumer) {
        return consumptionWh[consumer] - allocatedWh[consumer];
    }

    /** @return Σ a_i, the PV self-consumed in the building, Wh */
    public long allocatedTotalWh() {
        long sum = 0;
        for (long a : allocatedWh) {
            sum += a;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntervalAllocation a
                && productionWh == a.productionWh
                && surplusWh == a.surplusWh
                && Arrays.equals(consumptionWh, a.consumptionWh)
                && Arrays.equals(allocatedWh, a.allocatedWh);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(productionWh) + Arrays.hashCode(allocatedWh)) + Long.hashCode(surplusWh);
    }

    @Override
    public String toString() {
        return "IntervalAllocation[P=" + productionWh + " Wh, c=" + Arrays.toString(consumptionWh) + ", a="
                + Arrays.toString(allocatedWh) + ", surplus=" + surplusWh + " Wh]";
    }
}
