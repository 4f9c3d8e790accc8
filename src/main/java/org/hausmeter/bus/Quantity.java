package org.hausmeter.bus;

/**
 * The closed set of values Hausmeter reads from meters. A register map may only name these;
 * adding a quantity is a code change on purpose.
 *
 * <p>Direction convention: <em>import</em> is energy flowing from the building grid side into
 * the metered circuit (consumption of a flat, purchase at the grid connection); <em>export</em>
 * is the opposite (feed-in at the grid connection, AC output of a PV inverter). Signed power is
 * positive for import and negative for export; a map flips a device that counts the other way
 * with {@code invert: true}.
 *
 * <p>Energy totals are cumulative counters: they only rise (until the device wraps or is
 * exchanged); energy for an interval is always the difference of two readings.
 *
 * <p>Plausibility bounds are in canonical units and inclusive; a decoded value outside them is
 * a {@link RegisterFault.Kind#IMPLAUSIBLE} fault, never clamped.
 */
public enum Quantity {
    /** Cumulative imported active energy, Wh, never negative. */
    IMPORT_ENERGY_TOTAL(CanonicalUnit.WATT_HOUR, 0, Long.MAX_VALUE),
    /** Cumulative exported active energy, Wh, never negative. */
    EXPORT_ENERGY_TOTAL(CanonicalUnit.WATT_HOUR, 0, Long.MAX_VALUE),
    /** Total active power over all phases, W, signed (import positive); plausible within +-100 MW. */
    ACTIVE_POWER_TOTAL(CanonicalUnit.WATT, -100_000_000L, 100_000_000L),
    /** Active power of phase L1, W, signed (import positive); plausible within +-100 MW. */
    ACTIVE_POWER_L1(CanonicalUnit.WATT, -100_000_000L, 100_000_000L),
    /** Active power of phase L2, W, signed (import positive); plausible within +-100 MW. */
    ACTIVE_POWER_L2(CanonicalUnit.WATT, -100_000_000L, 100_000_000L),
    /** Active power of phase L3, W, signed (import positive); plausible within +-100 MW. */
    ACTIVE_POWER_L3(CanonicalUnit.WATT, -100_000_000L, 100_000_000L),
    /** Phase-to-neutral RMS voltage L1, mV, plausible 0..1000 V (0 = phase not connected). */
    VOLTAGE_L1(CanonicalUnit.MILLIVOLT, 0, 1_000_000L),
    /** Phase-to-neutral RMS voltage L2, mV, plausible 0..1000 V (0 = phase not connected). */
    VOLTAGE_L2(CanonicalUnit.MILLIVOLT, 0, 1_000_000L),
    /** Phase-to-neutral RMS voltage L3, mV, plausible 0..1000 V (0 = phase not connected). */
    VOLTAGE_L3(CanonicalUnit.MILLIVOLT, 0, 1_000_000L);

    private final CanonicalUnit unit;
    private final long minPlausible;
    private final long maxPlausible;

    Quantity(CanonicalUnit unit, long minPlausible, long maxPlausible) {
        this.unit = unit;
        this.minPlausible = minPlausible;
        this.maxPlausible = maxPlausible;
    }

    /** The unit of every decoded value of this quantity. */
    public CanonicalUnit unit() {
        return unit;
    }

    /** Smallest plausible value, canonical unit, inclusive. */
    public long minPlausible() {
        return minPlausible;
    }

    /** Largest plausible value, canonical unit, inclusive. */
    public long maxPlausible() {
        return maxPlausible;
    }

    /** Whether {@code value} (canonical unit) lies within the plausibility bounds. */
    public boolean isPlausible(long value) {
        return value >= minPlausible && value <= maxPlausible;
    }
}
