package org.hausmeter.bus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Health of one meter on the bus: a meter that does not answer is state, not an exception storm.
 * Counts every failure by kind, remembers the last good read, and backs off a failing meter
 * (+{@code step} per consecutive failure, capped at {@code cap}) so it cannot stall the bus.
 * Not thread-safe: each bus polls its meters from one thread.
 */
public final class MeterHealth {

    /** Why a read failed; mirrors the transport's failure kinds. */
    public enum Failure {
        TIMEOUT,
        CRC,
        EXCEPTION,
        GARBAGE,
        IO,
        DECODE
    }

    private final String meter;
    private final Clock clock;
    private final Duration step;
    private final Duration cap;
    private Instant lastGoodRead;
    private Instant lastFailure;
    private String lastError;
    private int consecutiveFailures;
    private long reads;
    private final Map<Failure, Long> failures = new TreeMap<>();
    private final Map<Integer, Long> exceptionCodes = new TreeMap<>();

    public MeterHealth(String meter, Clock clock, Duration step, Duration cap) {
        this.meter = meter;
        this.clock = clock;
        this.step = step;
        this.cap = cap;
    }

    public void success() {
        reads++;
        consecutiveFailures = 0;
        lastGoodRead = clock.instant();
    }

    /**
     * @param exceptionCode the Modbus exception code for {@link Failure#EXCEPTION}, else ignored
     */
    public void failure(Failure kind, int exceptionCode, String message) {
        consecutiveFailures++;
        lastFailure = clock.instant();
        lastError = message;
        failures.merge(kind, 1L, Long::sum);
        if (kind == Failure.EXCEPTION) {
            exceptionCodes.merge(exceptionCode, 1L, Long::sum);
        }
    }

    /** Three failures in a row: the meter is flagged and gets no retries until it answers again. */
    public boolean isDefective() {
        return consecutiveFailures >= 3;
    }

    /** Earliest instant the live loop should try this meter again. */
    public Instant nextAttempt() {
        if (consecutiveFailures == 0 || lastFailure == null) {
            return Instant.MIN;
        }
        Duration wait = step.multipliedBy(consecutiveFailures);
        return lastFailure.plus(wait.compareTo(cap) > 0 ? cap : wait);
    }

    public boolean due() {
        return !clock.instant().isBefore(nextAttempt());
    }

    public String meter() {
        return meter;
    }

    public Optional<Instant> lastGoodRead() {
        return Optional.ofNullable(lastGoodRead);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public long reads() {
        return reads;
    }

    public long failures(Failure kind) {
        return failures.getOrDefault(kind, 0L);
    }

    /** Counts per Modbus exception code (e.g. 2 illegal data address, 6 slave busy). */
    public Map<Integer, Long> exceptionCodes() {
        return Map.copyOf(exceptionCodes);
    }
}
