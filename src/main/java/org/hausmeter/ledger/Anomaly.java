package org.hausmeter.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * Something wrong between two consecutive counter readings of one meter, found by the derivation.
 * The derivation never turns it into energy: see {@link IntervalDeriver} for what happens to the
 * intervals the readings span.
 *
 * @param meterId  the meter whose counter misbehaved
 * @param kind     what is wrong
 * @param register which counter
 * @param before   instant of the earlier reading
 * @param after    instant of the later reading
 * @param beforeWh counter value of the earlier reading, Wh, as read
 * @param afterWh  counter value of the later reading, Wh, as read
 * @param limitWh  for {@link Kind#IMPOSSIBLE_JUMP}: the most energy the meter's maximum power allows
 *                 between the two instants (plus the configured allowance), Wh; 0 for a backward step
 */
public record Anomaly(
        long meterId,
        Kind kind,
        Register register,
        Instant before,
        Instant after,
        long beforeWh,
        long afterWh,
        long limitWh) {

    /** What is wrong with a pair of readings. */
    public enum Kind {
        /** The counter is lower than at the reading before. */
        BACKWARD_STEP,
        /** The counter rose faster than the meter's maximum power allows. */
        IMPOSSIBLE_JUMP
    }

    /** Which cumulative counter. */
    public enum Register {
        IMPORT,
        EXPORT
    }

    public Anomaly {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** Signed counter difference afterWh − beforeWh, Wh. */
    public long deltaWh() {
        return afterWh - beforeWh;
    }

    /** One line for the caretaker, values in brackets. */
    public String describe() {
        return switch (kind) {
            case BACKWARD_STEP ->
                "Meter [" + meterId + "] " + register.name().toLowerCase() + " counter went back from [" + beforeWh
                        + "] Wh at [" + before + "] to [" + afterWh + "] Wh at [" + after + "]";
            case IMPOSSIBLE_JUMP ->
                "Meter [" + meterId + "] " + register.name().toLowerCase() + " counter rose by ["
                        + deltaWh() + "] Wh between [" + before + "] and [" + after + "], more than the [" + limitWh
                        + "] Wh its maximum power allows";
        };
    }
}
