package org.hausmeter.bus.sim.profile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Simulated time running {@code factor} times faster than a base clock: at real instant r the
 * simulated instant is {@code simStart + (r − realStart) · factor}. Factor 1 is real time, 60 one
 * simulated minute per real second, 900 one quarter hour per real second.
 *
 * <p>A {@link Clock}, so it can be handed to anything that takes one. Tests drive it with a fixed or
 * mutable base clock. Real time going backwards yields simulated time going backwards; callers that
 * need monotonic counters clamp, as meters do.
 */
public final class SimClock extends Clock {

    private final Clock base;
    private final Instant realStart;
    private final Instant simStart;
    private final long factor;

    /**
     * @param base      the real clock
     * @param realStart the real instant at which simulated time equals {@code simStart}
     * @param simStart  simulated instant at {@code realStart}
     * @param factor    simulated seconds per real second, ≥ 1
     */
    public SimClock(Clock base, Instant realStart, Instant simStart, long factor) {
        this.base = Objects.requireNonNull(base, "base");
        this.realStart = Objects.requireNonNull(realStart, "realStart");
        this.simStart = Objects.requireNonNull(simStart, "simStart");
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1: " + factor);
        }
        this.factor = factor;
    }

    /** Simulated time starting now (per {@code base}) at {@code simStart}. */
    public static SimClock startingAt(Clock base, Instant simStart, long factor) {
        return new SimClock(base, base.instant(), simStart, factor);
    }

    /** Simulated seconds per real second. */
    public long factor() {
        return factor;
    }

    @Override
    public Instant instant() {
        return toSim(base.instant());
    }

    /** The simulated instant at real instant {@code real}. */
    public Instant toSim(Instant real) {
        return simStart.plus(Duration.between(realStart, real).multipliedBy(factor));
    }

    /** The real duration for {@code simulated} to pass, rounded down to the nanosecond. */
    public Duration realDuration(Duration simulated) {
        return simulated.dividedBy(factor);
    }

    /** A clock continuing from the current simulated instant at a new factor (no jump in time). */
    public SimClock withFactor(long newFactor) {
        Instant real = base.instant();
        return new SimClock(base, real, toSim(real), newFactor);
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public SimClock withZone(ZoneId zone) {
        return new SimClock(base.withZone(zone), realStart, simStart, factor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimClock c
                && base.equals(c.base)
                && realStart.equals(c.realStart)
                && simStart.equals(c.simStart)
                && factor == c.factor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, realStart, simStart, factor);
    }

    @Override
    public String toString() {
        return "SimClock[" + simStart + " at " + realStart + ", x" + factor + ", " + base + "]";
    }
}
