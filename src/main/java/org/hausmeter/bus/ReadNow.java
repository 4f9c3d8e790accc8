package org.hausmeter.bus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Commissioning: "read all meters now". Reads the counters of every meter of one bus once, right now, and says
 * per meter what came back and how long it took, so a caretaker wiring the bus need not wait for the next
 * quarter hour. One attempt per meter (what the wiring does now, not what retries can rescue); counted in each
 * meter's health like any read (a meter that answers is no longer defective); <b>nothing is stored</b>: the
 * ledger holds quarter-hour reads and the caretaker's own readings only (docs/bus.md "Commissioning").
 */
public final class ReadNow {

    /**
     * One meter's answer.
     *
     * @param failure null when {@code ok}; else {@code TIMEOUT}, {@code CRC}, {@code EXCEPTION 2 (illegal data address)},
     *        {@code GARBAGE}, {@code IO} or {@code DECODE}
     * @param exportWh null when the meter has no export counter
     * @param durationMs time on the bus for this meter
     */
    public record MeterRead(
            String meter,
            String bus,
            int unitId,
            String model,
            boolean ok,
            Instant readAt,
            Long importWh,
            Long exportWh,
            String failure,
            String error,
            long durationMs,
            boolean defective,
            int consecutiveFailures,
            Instant lastGoodRead) {}

    private ReadNow() {}

    /** Reads every meter of {@code poller}'s bus; call on the bus's thread (or with the bus to yourself). */
    public static List<MeterRead> readAll(BusPoller poller) {
        List<MeterRead> reads = new ArrayList<>(poller.meters().size());
        for (PolledMeter m : poller.meters()) {
            reads.add(read(poller, m));
        }
        return reads;
    }

    static MeterRead read(BusPoller poller, PolledMeter m) {
        long t0 = System.nanoTime();
        BusPoller.CounterRead read = null;
        String failure = null;
        String error = null;
        try {
            read = poller.readCountersNow(m);
        } catch (ModbusFailure f) {
            failure = MeterHealth.describe(
                    BusPoller.kind(f.kind()), f.exceptionCode().orElse(0));
            error = f.getMessage();
        } catch (RuntimeException e) {
            failure = MeterHealth.Failure.DECODE.name();
            error = e.getMessage();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        MeterHealth h = m.health();
        return new MeterRead(
                m.name(),
                poller.busName(),
                m.unitId(),
                m.config().model(),
                read != null,
                read == null ? null : read.readAt(),
                read == null ? null : read.importWh(),
                read == null ? null : read.exportWh(),
                failure,
                error,
                ms,
                h.isDefective(),
                h.consecutiveFailures(),
                h.lastGoodRead().orElse(null));
    }
}
