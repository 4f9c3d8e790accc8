package org.hausmeter.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * A cumulative counter reading of one meter, stamped with the instant it was taken.
 *
 * @param meterId  the meter
 * @param readAt   when the registers were read (not rounded to the quarter hour: the ledger maps it)
 * @param importWh total imported energy since the meter's zero, Wh, never negative
 * @param exportWh total exported energy, Wh, never negative; null when the meter has no export register
 * @param source   where it came from
 */
public record CounterReading(long meterId, Instant readAt, long importWh, Long exportWh, ReadingSource source) {
    public CounterReading {
        Objects.requireNonNull(readAt, "readAt");
        Objects.requireNonNull(source, "source");
        if (importWh < 0 || (exportWh != null && exportWh < 0)) {
            throw new IllegalArgumentException("Meter [" + meterId + "] counter below zero at [" + readAt
                    + "]: import [" + importWh + "] export [" + exportWh + "]");
        }
    }
}
