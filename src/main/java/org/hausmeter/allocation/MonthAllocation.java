package org.hausmeter.allocation;

import java.util.List;

/**
 * A month (or any run of quarter hours) split under one key.
 *
 * <p>The per-interval arrays are present only if requested and are handed over, not copied: they belong to
 * the caller, who must not share them with code that modifies them.
 *
 * @param rule the key used
 * @param building the building totals
 * @param consumers per-consumer totals, in consumer order
 * @param intervalPvWh a_i per consumer and quarter hour, {@code [consumer][interval]}, Wh; null unless requested
 * @param intervalExportedWh surplus per quarter hour, Wh; null unless requested
 */
public record MonthAllocation(
        AllocationRule rule,
        BuildingTotal building,
        List<ConsumerTotal> consumers,
        long[][] intervalPvWh,
        long[] intervalExportedWh) {

    public MonthAllocation {
        consumers = List.copyOf(consumers);
    }

    /** @return true if the per-interval arrays were kept */
    public boolean hasIntervals() {
        return intervalPvWh != null;
    }
}
