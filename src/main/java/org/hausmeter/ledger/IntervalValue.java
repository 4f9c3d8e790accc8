package org.hausmeter.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * Energy of one meter in one quarter hour: a row of {@code interval_energy}.
 *
 * @param intervalStart UTC start of the half-open interval [start, start + 15 min), on a 900 s boundary
 * @param importWh      energy imported during the interval, Wh, never negative
 * @param exportWh      energy exported during the interval, Wh, never negative (0 without an export register)
 * @param quality       how the value came about
 */
public record IntervalValue(Instant intervalStart, long importWh, long exportWh, IntervalQuality quality) {
    public IntervalValue {
        Objects.requireNonNull(intervalStart, "intervalStart");
        Objects.requireNonNull(quality, "quality");
        if (intervalStart.getNano() != 0 || intervalStart.getEpochSecond() % Intervals.SECONDS != 0) {
            throw new IllegalArgumentException("Interval start [" + intervalStart + "] is not on a quarter hour");
        }
        if (importWh < 0 || exportWh < 0) {
            throw new IllegalArgumentException("Interval [" + intervalStart + "] has negative energy: import ["
                    + importWh + "] export [" + exportWh + "]");
        }
    }
}
