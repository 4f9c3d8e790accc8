package org.hausmeter.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * A meter exchange: the old meter's final reading and the new meter's first reading. The new meter may
 * start at any counter value; the derivation continues from the old final value (see
 * {@link IntervalDeriver#deriveAcrossExchange}).
 *
 * @param oldFinal last reading of the removed meter
 * @param newFirst first reading of its replacement, at or after {@code oldFinal}
 */
public record MeterExchange(CounterReading oldFinal, CounterReading newFirst) {
    public MeterExchange {
        Objects.requireNonNull(oldFinal, "oldFinal");
        Objects.requireNonNull(newFirst, "newFirst");
        if (newFirst.readAt().isBefore(oldFinal.readAt())) {
            throw new IllegalArgumentException("New meter [" + newFirst.meterId() + "] first read at ["
                    + newFirst.readAt() + "] before old meter [" + oldFinal.meterId() + "] final reading at ["
                    + oldFinal.readAt() + "]");
        }
    }

    /**
     * The meter whose {@code interval_energy} row holds the interval starting at {@code intervalStart}:
     * the old meter for intervals starting before its final reading, the new meter from then on. The interval
     * holding the exchange therefore goes to the old meter, unless the final reading is on its start.
     */
    public long meterFor(Instant intervalStart) {
        return intervalStart.isBefore(oldFinal.readAt()) ? oldFinal.meterId() : newFirst.meterId();
    }
}
