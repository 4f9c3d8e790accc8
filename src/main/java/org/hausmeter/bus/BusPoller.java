package org.hausmeter.bus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Polls the meters of ONE bus: one request at a time (the transport enforces the inter-frame
 * pause), counters at the quarter hour, power for live values. A failing meter costs at most its
 * timeout per attempt: it is retried (with a short backoff) only while it is not flagged defective,
 * and the live loop leaves it alone until its backoff has passed. Failures are counted in each
 * meter's {@link MeterHealth}; nothing throws out of a cycle.
 * <p>
 * The live loop yields to the quarter-hour read: both take the bus lock per meter, and the live loop
 * gives up as soon as a quarter-hour read is waiting for the lock.
 */
public final class BusPoller {

    /** Counters read from one meter, stamped with the instant the read started. */
    public record CounterRead(PolledMeter meter, Instant readAt, long importWh, Long exportWh) {}

    /** Instantaneous power of one meter, W, import positive. */
    public record PowerRead(PolledMeter meter, Instant readAt, long powerW) {}

    /** Retries after a failed quarter-hour read of a healthy meter, and the pause before the first retry (doubled each time). */
    public record RetryPolicy(int retries, Duration backoff) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(2, Duration.ofMillis(200));
    }

    private static final Set<Quantity> COUNTERS = Set.of(Quantity.IMPORT_ENERGY_TOTAL, Quantity.EXPORT_ENERGY_TOTAL);
    private static final Set<Quantity> POWER = Set.of(Quantity.ACTIVE_POWER_TOTAL);

    private final ModbusBus bus;
    private final List<PolledMeter> meters;
    private final Clock clock;
    private final RetryPolicy retry;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile boolean counterReadWaiting;

    public BusPoller(ModbusBus bus, List<PolledMeter> meters, Clock clock, RetryPolicy retry) {
        this.bus = bus;
        this.meters = List.copyOf(meters);
        this.clock = clock;
        this.retry = retry;
    }

    public String busName() {
        return bus.name();
    }

    public List<PolledMeter> meters() {
        return meters;
    }

    /** Reads the counters of every meter once (retrying healthy meters); returns what answered. */
    public List<CounterRead> readCounters() {
        counterReadWaiting = true;
        lock.lock();
        try {
            counterReadWaiting = false;
            List<CounterRead> reads = new ArrayList<>(meters.size());
            for (PolledMeter m : meters) {
                CounterRead read = readCountersOf(m);
                if (read != null) {
                    reads.add(read);
                }
            }
            return reads;
        } finally {
            counterReadWaiting = false;
            lock.unlock();
        }
    }

    private CounterRead readCountersOf(PolledMeter m) {
        int attempts = m.health().isDefective() ? 1 : 1 + retry.retries();
        Duration pause = retry.backoff();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Instant at = clock.instant();
            try {
                CounterRead read = counters(m, at);
                m.health().success();
                return read;
            } catch (ModbusFailure f) {
                m.health().failure(kind(f.kind()), f.exceptionCode().orElse(0), f.getMessage());
            } catch (RuntimeException e) {
                m.health()
                        .failure(
                                MeterHealth.Failure.DECODE,
                                0,
                                "Meter [" + m.name() + "] on bus [" + bus.name() + "]: " + e.getMessage());
            }
            if (attempt < attempts) {
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
        return null;
    }

    private CounterRead counters(PolledMeter m, Instant at) throws ModbusFailure {
        DecodeResult result = read(m, COUNTERS::contains);
        long importWh = result.value(Quantity.IMPORT_ENERGY_TOTAL).orElse(0L);
        Long exportWh = result.value(Quantity.EXPORT_ENERGY_TOTAL).orElse(null);
        if (m.has(Quantity.IMPORT_ENERGY_TOTAL)) {
            importWh = result.require(Quantity.IMPORT_ENERGY_TOTAL);
        }
        if (m.has(Quantity.EXPORT_ENERGY_TOTAL)) {
            exportWh = result.require(Quantity.EXPORT_ENERGY_TOTAL);
        }
        return new CounterRead(m, at, importWh, exportWh);
    }

    /**
     * The counters of one meter of this bus right now, one attempt, for commissioning ("read all meters
     * now"): the same decoding as the quarter-hour read, counted in the meter's health, stored nowhere.
     * Call it on the bus's thread ({@code PollingService.onBus}) or with the bus to yourself (the CLI).
     *
     * @throws ModbusFailure the bus failed
     * @throws IllegalStateException the words did not decode to plausible values
     */
    public CounterRead readCountersNow(PolledMeter m) throws ModbusFailure {
        Instant at = clock.instant();
        try {
            CounterRead read = counters(m, at);
            m.health().success();
            return read;
        } catch (ModbusFailure f) {
            m.health().failure(kind(f.kind()), f.exceptionCode().orElse(0), f.getMessage());
            throw f;
        } catch (RuntimeException e) {
            m.health().failure(MeterHealth.Failure.DECODE, 0, e.getMessage());
            throw new IllegalStateException(
                    "Meter [" + m.name() + "] on bus [" + bus.name() + "]: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the power of every meter that is due, stopping early when a quarter-hour read waits
     * for the bus or {@code stop} says so.
     */
    public List<PowerRead> readPower(BooleanSupplier stop) {
        List<PowerRead> reads = new ArrayList<>(meters.size());
        for (PolledMeter m : meters) {
            if (counterReadWaiting || stop.getAsBoolean()) {
                break;
            }
            if (!m.health().due() || m.registers().isPresent() && !m.has(Quantity.ACTIVE_POWER_TOTAL)) {
                continue;
            }
            if (!lock.tryLock()) {
                break;
            }
            try {
                Instant at = clock.instant();
                DecodeResult result = read(m, POWER::contains);
                result.value(Quantity.ACTIVE_POWER_TOTAL).ifPresent(w -> reads.add(new PowerRead(m, at, w)));
                m.health().success();
            } catch (ModbusFailure f) {
                m.health().failure(kind(f.kind()), f.exceptionCode().orElse(0), f.getMessage());
            } catch (RuntimeException e) {
                m.health().failure(MeterHealth.Failure.DECODE, 0, e.getMessage());
            } finally {
                lock.unlock();
            }
        }
        return reads;
    }

    /**
     * Reads some quantities of one meter of this bus right now, one attempt, outside the quarter-hour
     * cycle (a charging session's start and end). Call it on the bus's thread
     * ({@code PollingService.onBus}). The result is counted in the meter's health like any read.
     *
     * @throws ModbusFailure the bus failed
     * @throws IllegalStateException the words did not decode to plausible values
     */
    public DecodeResult readNow(PolledMeter m, Set<Quantity> wanted) throws ModbusFailure {
        if (!meters.contains(m)) {
            throw new IllegalArgumentException("Meter [" + m.name() + "] is not on bus [" + bus.name() + "]");
        }
        try {
            DecodeResult result = read(m, wanted::contains);
            m.health().success();
            return result;
        } catch (ModbusFailure f) {
            m.health().failure(kind(f.kind()), f.exceptionCode().orElse(0), f.getMessage());
            throw f;
        } catch (RuntimeException e) {
            m.health().failure(MeterHealth.Failure.DECODE, 0, e.getMessage());
            throw new IllegalStateException(
                    "Meter [" + m.name() + "] on bus [" + bus.name() + "]: " + e.getMessage(), e);
        }
    }

    private DecodeResult read(PolledMeter m, java.util.function.Predicate<Quantity> wanted) throws ModbusFailure {
        if (m.registers().isEmpty()) {
            m.resolved(m.map().resolve(walk(m)));
        }
        RegisterImage image = RegisterImage.empty();
        for (ReadRequest r : m.plan(wanted)) {
            int[] words = bus.readRegisters(m.unitId(), r.function(), r.start(), r.count());
            image = image.with(r.function(), r.start(), words);
        }
        List<Register> registers = m.registers().orElseThrow().stream()
                .filter(r -> wanted.test(r.quantity()))
                .toList();
        DecodeResult result = RegisterDecoder.decode(m.map(), registers, image);
        if (!result.isClean()) {
            throw new IllegalStateException(result.faults().get(0).message());
        }
        return result;
    }

    private SunSpecModels walk(PolledMeter m) throws ModbusFailure {
        try {
            return SunSpecWalker.walk((address, count) -> {
                try {
                    return bus.readRegisters(m.unitId(), FunctionCode.HOLDING, address, count);
                } catch (ModbusFailure f) {
                    throw new WrappedFailure(f);
                }
            });
        } catch (WrappedFailure w) {
            throw w.failure;
        } catch (SunSpecException e) {
            for (Throwable s : e.getSuppressed()) {
                if (s instanceof WrappedFailure w) {
                    throw w.failure;
                }
            }
            throw e;
        }
    }

    private static final class WrappedFailure extends RuntimeException {
        final ModbusFailure failure;

        WrappedFailure(ModbusFailure failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    static MeterHealth.Failure kind(ModbusFailure.Kind kind) {
        return switch (kind) {
            case TIMEOUT -> MeterHealth.Failure.TIMEOUT;
            case CRC -> MeterHealth.Failure.CRC;
            case EXCEPTION -> MeterHealth.Failure.EXCEPTION;
            case GARBAGE -> MeterHealth.Failure.GARBAGE;
            case IO -> MeterHealth.Failure.IO;
        };
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
