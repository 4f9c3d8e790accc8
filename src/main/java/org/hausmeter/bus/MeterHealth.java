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

    /**
     * Told once per change between working and defective (three failures in a row), on the bus thread:
     * the server logs it (PollingService), so a log names each meter that goes defective and recovers.
     */
    public interface Transitions {
        /** {@code h} has just become defective; {@code kind}/{@code exceptionCode} of the failure that made it so. */
        void defective(MeterHealth h, Failure kind, int exceptionCode, String message);

        /** {@code h} answered again after {@code failedReads} failed reads in a row. */
        void recovered(MeterHealth h, int failedReads);

        Transitions NONE = new Transitions() {
            @Override
            public void defective(MeterHealth h, Failure kind, int exceptionCode, String message) {}

            @Override
            public void recovered(MeterHealth h, int failedReads) {}
        };
    }

    /** Failed reads in a row that make a meter defective. */
    public static final int DEFECTIVE_AFTER = 3;

    private final String meter;
    private final Clock clock;
    private final Transitions transitions;
    private final Duration step;
    private final Duration cap;
    private Instant lastGoodRead;
    private Instant lastFailure;
    private String lastError;
    private Failure lastFailureKind;
    private int lastExceptionCode;
    private int consecutiveFailures;
    private long reads;
    private final Map<Failure, Long> failures = new TreeMap<>();
    private final Map<Integer, Long> exceptionCodes = new TreeMap<>();

    public MeterHealth(String meter, Clock clock, Duration step, Duration cap) {
        this(meter, clock, step, cap, Transitions.NONE);
    }

    public MeterHealth(String meter, Clock clock, Duration step, Duration cap, Transitions transitions) {
        this.transitions = transitions;
        this.meter = meter;
        this.clock = clock;
        this.step = step;
        this.cap = cap;
    }

    public void success() {
        boolean wasDefective = isDefective();
        int failed = consecutiveFailures;
        reads++;
        consecutiveFailures = 0;
        lastGoodRead = clock.instant();
        if (wasDefective) {
            transitions.recovered(this, failed);
        }
    }

    /**
     * @param exceptionCode the Modbus exception code for {@link Failure#EXCEPTION}, else ignored
     */
    public void failure(Failure kind, int exceptionCode, String message) {
        consecutiveFailures++;
        lastFailure = clock.instant();
        lastError = message;
        lastFailureKind = kind;
        lastExceptionCode = kind == Failure.EXCEPTION ? exceptionCode : 0;
        failures.merge(kind, 1L, Long::sum);
        if (kind == Failure.EXCEPTION) {
            exceptionCodes.merge(exceptionCode, 1L, Long::sum);
        }
        if (consecutiveFailures == DEFECTIVE_AFTER) {
            transitions.defective(this, kind, lastExceptionCode, message);
        }
    }

    /**
     * The kind of the last failed read while the meter is failing ({@code TIMEOUT}, {@code CRC},
     * {@code EXCEPTION 2 (illegal data address)}, ...); empty once it answers again.
     */
    public Optional<String> lastFailureKind() {
        return consecutiveFailures == 0 || lastFailureKind == null
                ? Optional.empty()
                : Optional.of(describe(lastFailureKind, lastExceptionCode));
    }

    /** A failure kind as logs and pages name it: the exception code and its name for Modbus exceptions. */
    public static String describe(Failure kind, int exceptionCode) {
        return kind == Failure.EXCEPTION
                ? "EXCEPTION " + exceptionCode + " (" + ModbusFailure.exceptionName(exceptionCode) + ")"
                : kind.name();
    }

    /** Three failures in a row: the meter is flagged and gets no retries until it answers again. */
    public boolean isDefective() {
        return consecutiveFailures >= DEFECTIVE_AFTER;
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
