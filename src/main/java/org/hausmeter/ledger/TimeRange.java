package org.hausmeter.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open span of time [from, to).
 *
 * @param from first instant inside
 * @param to   first instant after, not before {@code from}
 */
public record TimeRange(Instant from, Instant to) {
    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Range end [" + to + "] before start [" + from + "]");
        }
    }

    /** True when [start, end) lies inside this range. */
    public boolean covers(Instant start, Instant end) {
        return !start.isBefore(from) && !end.isAfter(to);
    }

    public Duration duration() {
        return Duration.between(from, to);
    }
}
