package org.hausmeter.ledger.mscons;

import java.time.Instant;
import java.util.Objects;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.Intervals;

/**
 * One quarter-hour value of an MSCONS message, with where it came from.
 *
 * @param meterId       the meter whose metering point the message's {@code LOC+172} names
 * @param meterName     its name (for messages)
 * @param intervalStart UTC start of the quarter hour (on a 900-s boundary)
 * @param direction     the column it fills (from the OBIS code in {@code PIA})
 * @param wh            the energy, whole Wh, never negative
 * @param quality       the ledger quality its {@code QTY} qualifier maps to ({@link QtyQualifier})
 * @param qualifier     the {@code QTY} qualifier as written (e.g. 220)
 * @param messageRef    the message's reference (the document number of {@code BGM})
 * @param segment       position of the value's {@code QTY} segment in the file (1 = the file's first segment)
 */
public record MsconsValue(
        long meterId,
        String meterName,
        Instant intervalStart,
        Direction direction,
        long wh,
        IntervalQuality quality,
        String qualifier,
        String messageRef,
        int segment) {

    public MsconsValue {
        Objects.requireNonNull(intervalStart, "intervalStart");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(messageRef, "messageRef");
        if (!Intervals.isBoundary(intervalStart)) {
            throw new IllegalArgumentException("Interval start [" + intervalStart + "] is not on a quarter hour");
        }
        if (wh < 0) {
            throw new IllegalArgumentException("Energy below zero at [" + intervalStart + "]: " + wh);
        }
    }
}
