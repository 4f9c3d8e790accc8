package org.hausmeter.allocation;

/**
 * One consumer's month under one key, whole Wh. {@code consumptionWh = pvWh + gridWh}.
 *
 * @param consumer the consumer's index (row of the consumption array)
 * @param consumptionWh Σ c_i over the month, Wh
 * @param pvWh Σ a_i, PV allocated, Wh
 * @param gridWh Σ (c_i − a_i), drawn from the grid, Wh
 */
public record ConsumerTotal(int consumer, long consumptionWh, long pvWh, long gridWh) {}
