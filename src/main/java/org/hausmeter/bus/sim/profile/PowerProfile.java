package org.hausmeter.bus.sim.profile;

import java.time.Instant;

/**
 * A deterministic power curve with an exact cumulative energy counter, like a meter's register.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #counterMj(Instant)} is the exact integral of power from the profile's epoch to
 *       {@code t} in mJ (W·ms, instants truncated to the millisecond); it is never negative and
 *       never decreases.</li>
 *   <li>{@link #counterWh(Instant)} is {@code floor(counterMj / 3 600 000)}: a whole-Wh register
 *       that, like a real meter, only shows completed Wh.</li>
 *   <li>{@link #energyWh(Instant, Instant)} over the half-open range [from, to) is the counter
 *       difference, so it is additive to the Wh: {@code energyWh(a, c) == energyWh(a, b) +
 *       energyWh(b, c)} for every a ≤ b ≤ c.</li>
 *   <li>Any instant can be queried directly; no call depends on the order of earlier calls.</li>
 * </ul>
 */
public interface PowerProfile {

    /** mJ per Wh. */
    long MJ_PER_WH = 3_600_000L;

    /** Power at {@code t} in W, ≥ 0 (for grid profiles: the mean power of the step containing t). */
    long powerW(Instant t);

    /** Cumulative energy from the epoch to {@code t} in mJ (W·ms); throws before the epoch. */
    long counterMj(Instant t);

    /** Cumulative energy from the epoch to {@code t} in whole Wh (floor). */
    default long counterWh(Instant t) {
        return Math.floorDiv(counterMj(t), MJ_PER_WH);
    }

    /** Energy in Wh over the half-open range [from, to); {@code from} must not be after {@code to}. */
    default long energyWh(Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from after to: " + from + " > " + to);
        }
        return counterWh(to) - counterWh(from);
    }

    /**
     * Counter values at or before this instant never change any more. Pure profiles are final forever
     * ({@link Instant#MAX}); an externally driven profile (a live charging session) is final up to
     * its last event. Derived counters may memoise only what is final.
     */
    default Instant finalUntil() {
        return Instant.MAX;
    }
}
