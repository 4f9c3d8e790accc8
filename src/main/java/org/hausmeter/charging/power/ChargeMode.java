package org.hausmeter.charging.power;

/** What the resident chose for a session: how the power planner treats its charger. */
public enum ChargeMode {
    /** Only the roof's surplus; below the 6 A minimum the car waits (paused). */
    SOLAR_ONLY,
    /** The roof's surplus, but never less than the 6 A minimum (the rest from the grid). */
    SOLAR_PLUS_MIN,
    /** As fast as the charger and the building's limits allow. */
    FAST;

    /** The mode named {@code text} (case-insensitive), or an exception naming the accepted values. */
    public static ChargeMode parse(String text) {
        if (text != null) {
            for (ChargeMode m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("charge mode [" + text + "] is not one of SOLAR_ONLY, SOLAR_PLUS_MIN, FAST");
    }
}
