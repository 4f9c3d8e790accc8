package org.hausmeter.bus;

import java.util.Map;

/**
 * The unit every decoded value is expressed in, always as a {@code long}. A register map names
 * the datasheet unit of each register; the decoder converts to the canonical unit once, with
 * the factors listed in {@link #factorFrom(String)}.
 */
public enum CanonicalUnit {
    /** Watt-hours; datasheet units {@code Wh} (x1) and {@code kWh} (x1000). */
    WATT_HOUR(Map.of("Wh", 1L, "kWh", 1000L)),
    /** Watts; datasheet units {@code W} (x1) and {@code kW} (x1000). */
    WATT(Map.of("W", 1L, "kW", 1000L)),
    /** Millivolts; datasheet units {@code mV} (x1) and {@code V} (x1000). */
    MILLIVOLT(Map.of("mV", 1L, "V", 1000L));

    private final Map<String, Long> factors;

    CanonicalUnit(Map<String, Long> factors) {
        this.factors = factors;
    }

    /**
     * How many canonical units one datasheet unit is, or {@code 0} if the datasheet unit cannot
     * be converted to this one (e.g. {@code kWh} for a voltage).
     */
    public long factorFrom(String datasheetUnit) {
        return factors.getOrDefault(datasheetUnit, 0L);
    }

    /** The datasheet units convertible to this unit. */
    public java.util.Set<String> datasheetUnits() {
        return factors.keySet();
    }
}
