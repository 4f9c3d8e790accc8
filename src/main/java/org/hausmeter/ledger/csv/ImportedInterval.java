package org.hausmeter.ledger.csv;

import java.time.Instant;
import java.util.Objects;
import org.hausmeter.ledger.Intervals;

/**
 * Energy of one meter in one 15-minute interval, as read from an import file.
 *
 * @param meterId       the meter
 * @param intervalStart UTC start of the half-open interval {@code [start, start + 15 min)}; always on a
 *                      quarter-hour boundary (epoch second divisible by 900)
 * @param importWh      energy imported in the interval, Wh, never negative
 * @param exportWh      energy exported in the interval, Wh, never negative; null when the file has no export value
 * @param estimated     spread from an hourly or daily value of the file (on the caretaker's request): ESTIMATED
 */
public record ImportedInterval(long meterId, Instant intervalStart, long importWh, Long exportWh, boolean estimated) {

    /** A quarter hour as the file gives it. */
    public ImportedInterval(long meterId, Instant intervalStart, long importWh, Long exportWh) {
        this(meterId, intervalStart, importWh, exportWh, false);
    }

    /** Length of an interval in seconds. */
    public static final long INTERVAL_SECONDS = Intervals.SECONDS;

    public ImportedInterval {
        Objects.requireNonNull(intervalStart, "intervalStart");
        if (!Intervals.isBoundary(intervalStart)) {
            throw new IllegalArgumentException(
                    "Meter [" + meterId + "] interval start [" + intervalStart + "] is not on a quarter hour");
        }
        if (importWh < 0 || (exportWh != null && exportWh < 0)) {
            throw new IllegalArgumentException("Meter [" + meterId + "] interval energy below zero at [" + intervalStart
                    + "]: import [" + importWh + "] export [" + exportWh + "]");
        }
    }
}
