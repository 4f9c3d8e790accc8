package org.hausmeter.ledger.mscons;

import java.time.Instant;
import java.util.List;

/**
 * One message (UNH … UNT) of an MSCONS interchange as the parser judged it: accepted with its values, or rejected with
 * the first reason (which names the segment).
 *
 * @param firstSegment   position of its {@code UNH} in the file
 * @param unhRef         the message reference number of {@code UNH} (unique only within the interchange)
 * @param messageRef     the document number of {@code BGM}: the operator's reference of the message, the key of
 *                       re-imports
 * @param version        the association code of {@code UNH} (e.g. 2.4c)
 * @param meteringPoints the metering point ids of its {@code LOC+172} segments, in order
 * @param status         ACCEPTED or REJECTED
 * @param reason         why it was rejected, null when accepted
 * @param values         its values when accepted (empty when rejected)
 */
public record MsconsMessage(
        int firstSegment,
        String unhRef,
        String messageRef,
        String version,
        List<String> meteringPoints,
        Status status,
        String reason,
        List<MsconsValue> values) {

    public enum Status {
        ACCEPTED,
        REJECTED,
        /** Accepted by an earlier import (same sender and message reference): nothing is stored again. */
        ALREADY_IMPORTED
    }

    public MsconsMessage {
        meteringPoints = List.copyOf(meteringPoints);
        values = List.copyOf(values);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    /** The same message with another status and reason and no values (rejected or already imported). */
    public MsconsMessage refused(Status newStatus, String why) {
        return new MsconsMessage(firstSegment, unhRef, messageRef, version, meteringPoints, newStatus, why, List.of());
    }

    /** What a caretaker sees of a message: no values, their count and period. */
    public Summary summary() {
        Instant first = null;
        Instant last = null;
        int estimated = 0;
        for (MsconsValue v : values) {
            if (first == null || v.intervalStart().isBefore(first)) {
                first = v.intervalStart();
            }
            if (last == null || v.intervalStart().isAfter(last)) {
                last = v.intervalStart();
            }
            if (v.quality() != org.hausmeter.ledger.IntervalQuality.IMPORTED) {
                estimated++;
            }
        }
        return new Summary(
                firstSegment, messageRef, meteringPoints, status, reason, values.size(), estimated, first, last);
    }

    /**
     * @param values    number of quarter-hour values
     * @param estimated of them substitute or proposed values (stored ESTIMATED)
     * @param first     start of the first quarter hour, null without values
     * @param last      start of the last quarter hour, null without values
     */
    public record Summary(
            int segment,
            String messageRef,
            List<String> meteringPoints,
            Status status,
            String reason,
            int values,
            int estimated,
            Instant first,
            Instant last) {}
}
