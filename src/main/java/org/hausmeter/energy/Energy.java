package org.hausmeter.energy;

/**
 * An apartment's consumption over some time and the part of it that came from the house's PV (its
 * allocated share, as billed). Whole Wh.
 *
 * @param wh      consumption, Wh, not negative
 * @param pvWh    of which PV, Wh, 0 ≤ pvWh ≤ wh; 0 when not known
 * @param pvKnown false when the PV allocation is not known for some of the time (no tariff, hence no
 *                allocation key, for that month)
 */
public record Energy(long wh, long pvWh, boolean pvKnown) {

    /** Nothing consumed. */
    public static final Energy NONE = new Energy(0, 0, true);

    /** @return the sum; its PV is known only when both parts' PV is */
    public Energy plus(Energy other) {
        return new Energy(wh + other.wh, pvWh + other.pvWh, pvKnown && other.pvKnown);
    }

    /** @return the part bought from the grid, Wh (everything when the PV share is not known) */
    public long gridWh() {
        return wh - pvWh;
    }

    /** @return PV ÷ consumption, 0 when nothing was consumed; meaningful only when {@link #pvKnown()} */
    public double solarShare() {
        return wh == 0 ? 0 : (double) pvWh / wh;
    }

    /**
     * @param gramsPerKwh the grid's emission factor
     * @return CO2 of the grid part in whole grams, HALF_UP; PV counts as zero
     */
    public long gridCo2Grams(int gramsPerKwh) {
        return Math.floorDiv(gridWh() * gramsPerKwh + 500, 1000);
    }
}
