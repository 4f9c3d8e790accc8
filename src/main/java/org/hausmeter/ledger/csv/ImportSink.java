package org.hausmeter.ledger.csv;

import java.util.function.Consumer;
import org.hausmeter.ledger.CounterReading;

/**
 * Receives the values of an import, in file order (long layout: row order; wide layout: row by row, left to right).
 * A file holds either counters or intervals, so only one of the two methods is called for a file.
 */
public interface ImportSink {

    /** A cumulative counter reading with source {@link org.hausmeter.ledger.ReadingSource#IMPORT}. */
    void counter(CounterReading reading);

    /** The energy of one 15-minute interval. */
    void interval(ImportedInterval interval);

    /** The same, with the 1-based line of the file the reading comes from (its provenance). */
    default void counter(CounterReading reading, long line) {
        counter(reading);
    }

    /** The same, with the 1-based line of the file the value comes from (its provenance). */
    default void interval(ImportedInterval interval, long line) {
        interval(interval);
    }

    static ImportSink of(Consumer<CounterReading> counters, Consumer<ImportedInterval> intervals) {
        return new ImportSink() {
            @Override
            public void counter(CounterReading reading) {
                counters.accept(reading);
            }

            @Override
            public void interval(ImportedInterval interval) {
                intervals.accept(interval);
            }
        };
    }
}
