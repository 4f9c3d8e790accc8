package org.hausmeter.bus.sim;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.bus.DecodeResult;
import org.hausmeter.bus.PolledMeter;
import org.hausmeter.bus.Quantity;
import org.hausmeter.bus.Register;
import org.hausmeter.bus.RegisterDecoder;
import org.hausmeter.bus.RegisterImage;
import org.hausmeter.bus.SunSpecWalker;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.ReadingSource;
import org.hausmeter.ledger.persistence.ReadingStore;

/**
 * Fills the ledger with a simulated building's past: a counter reading of every meter at every
 * quarter hour of [from, to), each one encoded into the meter's registers and decoded again with
 * its register map (as the poller does), stored through the {@link ReadingStore} in daily batches.
 */
public final class SimulatedHistory {

    private SimulatedHistory() {}

    /** Returns the number of readings stored. */
    public static long generate(
            SimulatedBuilding building, List<PolledMeter> meters, Instant from, Instant to, ReadingStore store)
            throws SQLException {
        Map<String, List<Register>> registers = new HashMap<>();
        for (PolledMeter m : meters) {
            List<Register> regs = m.map().registers();
            if (m.map().isSunSpec()) {
                RegisterImage image = building.image(m.name(), from);
                regs = m.map()
                        .resolve(SunSpecWalker.walk((address, count) ->
                                image.read(org.hausmeter.bus.FunctionCode.HOLDING, address, count)));
            }
            registers.put(
                    m.name(),
                    regs.stream()
                            .filter(r -> r.quantity() == Quantity.IMPORT_ENERGY_TOTAL
                                    || r.quantity() == Quantity.EXPORT_ENERGY_TOTAL)
                            .toList());
        }
        long stored = 0;
        List<CounterReading> day = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = Intervals.end(t)) {
            for (PolledMeter m : meters) {
                RegisterImage image = building.image(m.name(), t);
                DecodeResult r = RegisterDecoder.decode(m.map(), registers.get(m.name()), image);
                if (!r.isClean()) {
                    throw new IllegalStateException("Simulated meter [" + m.name() + "] at [" + t + "]: "
                            + r.faults().get(0).message());
                }
                day.add(new CounterReading(
                        m.meterId(),
                        t,
                        r.value(Quantity.IMPORT_ENERGY_TOTAL).orElse(0L),
                        r.value(Quantity.EXPORT_ENERGY_TOTAL).orElse(null),
                        ReadingSource.POLL));
            }
            if (day.size() >= 96 * meters.size()) {
                stored += store.store(day);
                day.clear();
            }
        }
        stored += store.store(day);
        return stored;
    }
}
