package org.hausmeter.bus.sim.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The fixed integration grid shared by all profiles of one building: steps of {@code step} starting
 * at {@code epoch}, grouped into blocks of one day (86 400 s) for memoised prefix sums.
 *
 * <p>Step {@code k} is the half-open range [epoch + k·step, epoch + (k+1)·step). Counters are
 * defined for instants at or after the epoch only.
 *
 * @param epoch instant where every counter is zero; align it to a quarter hour so that readings at
 *              :00 :15 :30 :45 fall on step boundaries
 * @param step  whole seconds, at least 1 s, dividing one day (e.g. 60 s)
 */
public record SimGrid(Instant epoch, Duration step) {

    /** One block = one day of steps, in seconds. */
    public static final long BLOCK_SECONDS = 86_400;

    public SimGrid {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(step, "step");
        if (epoch.getNano() != 0) {
            throw new IllegalArgumentException("epoch must be a whole second: " + epoch);
        }
        if (step.getNano() != 0 || step.getSeconds() < 1 || BLOCK_SECONDS % step.getSeconds() != 0) {
            throw new IllegalArgumentException("step must be whole seconds dividing a day: " + step);
        }
    }

    /** A one-minute grid from {@code epoch}. */
    public static SimGrid minutes(Instant epoch) {
        return new SimGrid(epoch, Duration.ofMinutes(1));
    }

    /** Step length in ms. */
    public long stepMillis() {
        return step.getSeconds() * 1000;
    }

    /** Steps per one-day block. */
    public int stepsPerBlock() {
        return (int) (BLOCK_SECONDS / step.getSeconds());
    }

    /** Milliseconds from the epoch to {@code t} (floor); throws if {@code t} is before the epoch. */
    public long millisSinceEpoch(Instant t) {
        long ms = t.toEpochMilli() - epoch.toEpochMilli();
        if (ms < 0) {
            throw new IllegalArgumentException("instant before grid epoch " + epoch + ": " + t);
        }
        return ms;
    }

    /** Index of the step containing {@code t}. */
    public long stepIndex(Instant t) {
        return millisSinceEpoch(t) / stepMillis();
    }

    /** Start instant of step {@code k}. */
    public Instant stepStart(long k) {
        return epoch.plusSeconds(k * step.getSeconds());
    }

    /** Start instant of block {@code b}. */
    public Instant blockStart(long b) {
        return epoch.plusSeconds(b * BLOCK_SECONDS);
    }
}
