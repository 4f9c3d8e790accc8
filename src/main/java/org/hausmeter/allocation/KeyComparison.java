package org.hausmeter.allocation;

import java.util.List;

/**
 * The same month under several keys, side by side, for the co-op assembly choosing its key.
 *
 * @param rules the keys compared, in column order
 * @param building the building totals per key, same order as {@code rules}
 * @param consumers one row per consumer, in consumer order
 */
public record KeyComparison(List<AllocationRule> rules, List<BuildingTotal> building, List<Row> consumers) {

    public KeyComparison {
        rules = List.copyOf(rules);
        building = List.copyOf(building);
        consumers = List.copyOf(consumers);
    }

    /**
     * One consumer's month under each key. For every key k: {@code consumptionWh = pvWh.get(k) + gridWh.get(k)}.
     *
     * @param consumer the consumer's index
     * @param consumptionWh Σ c_i over the month, Wh (the same under every key)
     * @param pvWh PV allocated per key, Wh, same order as {@link KeyComparison#rules()}
     * @param gridWh drawn from the grid per key, Wh, same order
     */
    public record Row(int consumer, long consumptionWh, List<Long> pvWh, List<Long> gridWh) {

        public Row {
            pvWh = List.copyOf(pvWh);
            gridWh = List.copyOf(gridWh);
        }
    }
}
