package org.hausmeter.ledger.csv;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;
import org.hausmeter.ledger.CounterReading;

/**
 * The counter readings already in the ledger, so that an imported reading is checked against them by the same rule as
 * a reading typed by hand ({@link org.hausmeter.ledger.CounterOrder}).
 */
@FunctionalInterface
public interface StoredReadings {

    /** None stored (tests of the file format, benchmarks). */
    StoredReadings NONE = (meterId, from, to, each) -> {};

    /**
     * Hands the stored readings of the meter in {@code [from, to]}, plus the last one before {@code from} and the first
     * one after {@code to}, to {@code each}, oldest first.
     */
    void forEach(long meterId, Instant from, Instant to, Consumer<CounterReading> each) throws IOException;
}
