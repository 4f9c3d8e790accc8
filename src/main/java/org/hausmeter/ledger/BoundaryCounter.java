package org.hausmeter.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A meter's counter at an instant, typically a period boundary (local midnight), from the readings just before
 * and after it. Pure. The rule: the reading at the instant if there is one; else linear interpolation in time
 * between the two readings, HALF_UP to the Wh (the ledger's segment model, {@link IntervalDeriver}); marked
 * ESTIMATED when the nearer reading is farther than the ledger's tolerance ({@link IntervalDeriver#DEFAULT_TOLERANCE})
 * or one side is missing (then the one reading's counter is taken as it is).
 *
 * @param at     the instant
 * @param wh     the counter in Wh
 * @param source the nearer reading's source, or ESTIMATED
 */
public record BoundaryCounter(Instant at, long wh, String source) {

    /** The source of a counter that is not (nearly) read at its instant. */
    public static final String ESTIMATED = "ESTIMATED";

    /**
     * @param at           the instant
     * @param beforeAt     the last reading at or before it, or null
     * @param beforeWh     its counter
     * @param beforeSource its source
     * @param afterAt      the first reading after it, or null
     * @param afterWh      its counter
     * @param afterSource  its source
     * @return the counter at {@code at}, or null without either reading
     */
    public static BoundaryCounter at(
            Instant at,
            Instant beforeAt,
            long beforeWh,
            String beforeSource,
            Instant afterAt,
            long afterWh,
            String afterSource) {
        if (beforeAt != null && beforeAt.equals(at)) {
            return new BoundaryCounter(at, beforeWh, beforeSource);
        }
        if (beforeAt == null && afterAt == null) {
            return null;
        }
        if (beforeAt == null || afterAt == null) {
            return new BoundaryCounter(at, beforeAt != null ? beforeWh : afterWh, ESTIMATED);
        }
        long t0 = beforeAt.toEpochMilli();
        long t1 = afterAt.toEpochMilli();
        long t = at.toEpochMilli();
        long wh = beforeWh
                + BigDecimal.valueOf(afterWh - beforeWh)
                        .multiply(BigDecimal.valueOf(t - t0))
                        .divide(BigDecimal.valueOf(t1 - t0), 0, RoundingMode.HALF_UP)
                        .longValueExact();
        long dBefore = (t - t0) / 1000;
        long dAfter = (t1 - t) / 1000;
        long tolerance = IntervalDeriver.DEFAULT_TOLERANCE.toSeconds();
        String source =
                Math.min(dBefore, dAfter) > tolerance ? ESTIMATED : dBefore <= dAfter ? beforeSource : afterSource;
        return new BoundaryCounter(at, wh, source);
    }
}
