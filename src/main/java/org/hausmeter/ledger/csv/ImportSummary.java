package org.hausmeter.ledger.csv;

import java.time.Instant;

/**
 * What an import file holds (counting only values that passed every check).
 *
 * @param layout the file's layout, null when the header could not be read
 * @param kind   counters or interval energies, null when the header could not be read
 * @param rows   data rows read (header and blank lines not counted)
 * @param values records produced: one per counter row or interval row (long layout), one per non-empty cell (wide)
 * @param meters distinct known meters with at least one row
 * @param first  earliest reading instant or interval start, null when there are no values
 * @param last   latest reading instant or interval start, null when there are no values
 * @param resolution the step of an interval file detected from its timestamps (null for counters)
 */
public record ImportSummary(
        ImportOptions.Layout layout,
        Kind kind,
        long rows,
        long values,
        int meters,
        Instant first,
        Instant last,
        Resolution resolution) {

    /** A summary whose interval values are quarter hours (counters: no resolution). */
    public ImportSummary(
            ImportOptions.Layout layout, Kind kind, long rows, long values, int meters, Instant first, Instant last) {
        this(layout, kind, rows, values, meters, first, last, kind == Kind.INTERVALS ? Resolution.QUARTER_HOUR : null);
    }

    /** What the values of a file mean. */
    public enum Kind {
        /** Cumulative counters, turned into {@link org.hausmeter.ledger.CounterReading}s. */
        COUNTERS,
        /** Energy per 15-minute interval, turned into {@link ImportedInterval}s. */
        INTERVALS
    }
}
