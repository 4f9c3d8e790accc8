package org.hausmeter.bus.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.bus.Quantity;
import org.hausmeter.bus.Register;
import org.hausmeter.bus.RegisterEncoder;
import org.hausmeter.bus.RegisterImage;
import org.hausmeter.bus.RegisterMap;
import org.hausmeter.bus.SunSpecLayout;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.config.RegisterMapCatalog;
import org.hausmeter.bus.sim.profile.ApartmentLoad;
import org.hausmeter.bus.sim.profile.BuildingEnergy;
import org.hausmeter.bus.sim.profile.ChargerLoad;
import org.hausmeter.bus.sim.profile.CommonArea;
import org.hausmeter.bus.sim.profile.GridReading;
import org.hausmeter.bus.sim.profile.LiveChargerLoad;
import org.hausmeter.bus.sim.profile.PowerProfile;
import org.hausmeter.bus.sim.profile.PvProduction;
import org.hausmeter.bus.sim.profile.PvSite;
import org.hausmeter.bus.sim.profile.SimGrid;
import org.hausmeter.ledger.Intervals;

/**
 * The meters of a building file, simulated: each meter's quantities at any instant from the load
 * and PV profiles, encoded into registers with the SAME register-map files the poller decodes, so a
 * map error shows up wherever the simulator is used. Pure: no I/O, deterministic for a seed.
 * <p>
 * Every meter's counter starts at a per-meter offset (a meter is not new when the history starts),
 * kept below 10 MWh so float32 kWh registers stay exact to the Wh for years (docs/domain.md 1.8).
 * The GRID meter is the balance of all consumers and the PV, exact in Wh at every quarter hour.
 */
public final class SimulatedBuilding {

    /**
     * @param seed   seed of every profile; the same seed gives the same building
     * @param zone   the building's time zone (daily routines)
     * @param epoch  start of the simulated history; no instant before it can be asked for
     * @param pv     the PV plant
     */
    public record Options(long seed, ZoneId zone, Instant epoch, PvSite pv) {
        /** The demo building: a 30 kWp roof in Berlin, history from 1 January 2025. */
        public static Options demo(ZoneId zone) {
            return new Options(
                    20_250_101L,
                    zone,
                    Intervals.dayStart(LocalDate.of(2025, 1, 1), zone),
                    new PvSite(52.52, 13.40, 30_000, 30, 0));
        }
    }

    private record SimMeter(
            BuildingConfig.Meter config,
            RegisterMap map,
            PowerProfile profile,
            long offsetWh,
            SunSpecLayout sunspec,
            ChargerLoad seeded) {}

    private final Map<String, SimMeter> meters = new LinkedHashMap<>();
    private final Map<String, SimulatedCharger> chargers = new LinkedHashMap<>();
    private final BuildingEnergy grid;
    private final Options options;
    private final Instant liveFrom;
    /** Per meter {import, export} Wh added from {@link #continuedFrom} on (a restarted simulator continues its counters). */
    private volatile Map<String, long[]> continuation = Map.of();

    private volatile Instant continuedFrom = Instant.MAX;

    public SimulatedBuilding(BuildingConfig building, RegisterMapCatalog catalog, Options options) {
        this(building, catalog, options, java.util.Optional.empty());
    }

    /**
     * @param liveChargersFrom when present, every charger meter follows its seeded sessions only
     *                         before this instant; from then on it draws only while its
     *                         {@link SimulatedCharger} is enabled and a car is plugged (the demo run and
     *                         the charging tests switch them over Modbus)
     */
    public SimulatedBuilding(
            BuildingConfig building,
            RegisterMapCatalog catalog,
            Options options,
            java.util.Optional<Instant> liveChargersFrom) {
        this.options = options;
        this.liveFrom = liveChargersFrom.orElse(Instant.MAX);
        SimGrid simGrid = SimGrid.minutes(options.epoch());
        PowerProfile pv = null;
        List<PowerProfile> consumers = new ArrayList<>();
        for (BuildingConfig.Meter m : building.meters()) {
            if (m.importOnly()) {
                continue; // no bus: nothing to simulate
            }
            long seed = options.seed() * 31 + m.name().hashCode();
            ChargerLoad seeded = m.role() == org.hausmeter.ledger.MeterRole.CHARGER
                    ? new ChargerLoad(simGrid, options.zone(), seed, 11_000)
                    : null;
            PowerProfile profile = switch (m.role()) {
                case APARTMENT -> new ApartmentLoad(simGrid, options.zone(), seed);
                case COMMON -> new CommonArea(simGrid, options.zone(), seed);
                case CHARGER -> seeded;
                case PV -> new PvProduction(simGrid, options.pv(), seed);
                case GRID -> null;
            };
            if (seeded != null && liveChargersFrom.isPresent() && !chargers.containsKey(m.charger())) {
                LiveChargerLoad live = new LiveChargerLoad(seeded, liveChargersFrom.get());
                chargers.put(m.charger(), new SimulatedCharger(m.charger(), live));
                profile = live;
            }
            if (m.role() == org.hausmeter.ledger.MeterRole.PV) {
                pv = profile;
            } else if (profile != null) {
                consumers.add(profile);
            }
            RegisterMap map = catalog.get(m.model());
            SunSpecLayout layout = map.isSunSpec()
                    ? SunSpecLayout.build(
                            40000,
                            List.of(
                                    new SunSpecLayout.Model(1, 66),
                                    new SunSpecLayout.Model(103, 50),
                                    new SunSpecLayout.Model(203, 105)))
                    : null;
            long offsetWh = 1_000_000L + Math.floorMod(seed * 7919L, 5_000_000L);
            meters.put(m.name(), new SimMeter(m, map, profile, offsetWh, layout, seeded));
        }
        if (pv == null) {
            pv = new ZeroProfile();
        }
        this.grid = new BuildingEnergy(simGrid, consumers, pv);
    }

    public List<String> meterNames() {
        return List.copyOf(meters.keySet());
    }

    public BuildingConfig.Meter meter(String name) {
        return require(name).config();
    }

    public Options options() {
        return options;
    }

    /** The live charger {@code chargerId} (see the constructor), if the building has one. */
    public java.util.Optional<SimulatedCharger> charger(String chargerId) {
        return java.util.Optional.ofNullable(chargers.get(chargerId));
    }

    /** Instant from which chargers are live, or {@link Instant#MAX}. */
    public Instant liveFrom() {
        return liveFrom;
    }

    /**
     * The seeded charging sessions of a CHARGER meter arriving on local days [from, to] (the sessions
     * its counter follows before {@link #liveFrom()}).
     */
    public List<org.hausmeter.bus.sim.profile.ChargingSession> seededSessions(
            String meterName, LocalDate from, LocalDate to) {
        SimMeter m = require(meterName);
        if (m.seeded() == null) {
            throw new IllegalArgumentException("Simulated meter [" + meterName + "] is not a charger meter");
        }
        return m.seeded().sessions(from, to);
    }

    /**
     * A restarted simulator continues the counters a real meter would show: from {@code from} on,
     * each meter's counters are raised by what they fell short of {@code last} (the last stored
     * readings, {@code {importWh, exportWh}} per meter name). Without this, live charging of an
     * earlier run (not repeated by the new simulator) would make counters step backwards.
     */
    public void continueFrom(Map<String, long[]> last, Instant from) {
        Map<String, long[]> adjust = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : last.entrySet()) {
            if (!meters.containsKey(e.getKey())) {
                continue;
            }
            Map<Quantity, Long> now = raw(e.getKey(), from);
            long imp = Math.max(0, e.getValue()[0] - now.get(Quantity.IMPORT_ENERGY_TOTAL));
            long exp = Math.max(0, e.getValue()[1] - now.get(Quantity.EXPORT_ENERGY_TOTAL));
            if (imp > 0 || exp > 0) {
                adjust.put(e.getKey(), new long[] {imp, exp});
            }
        }
        continuation = Map.copyOf(adjust);
        continuedFrom = from;
    }

    /**
     * Raises meter {@code name}'s import counter so that it is at least {@code importWh} from
     * {@link #continueFrom}'s instant on (a charging session's reading that was never stored as a
     * meter reading, e.g. a session start just before a restart). Never lowers a counter.
     */
    public synchronized void continueAtLeast(String name, long importWh) {
        if (continuedFrom.equals(Instant.MAX) || !meters.containsKey(name)) {
            return;
        }
        long[] current = continuation.getOrDefault(name, new long[] {0, 0});
        long now = raw(name, continuedFrom).get(Quantity.IMPORT_ENERGY_TOTAL) + current[0];
        if (importWh > now) {
            Map<String, long[]> adjust = new LinkedHashMap<>(continuation);
            adjust.put(name, new long[] {current[0] + importWh - now, current[1]});
            continuation = Map.copyOf(adjust);
        }
    }

    /** The meter's quantities at {@code t}, canonical units (Wh, W signed import-positive, mV). */
    public Map<Quantity, Long> values(String name, Instant t) {
        Map<Quantity, Long> v = raw(name, t);
        long[] adjust = continuation.get(name);
        if (adjust != null && !t.isBefore(continuedFrom)) {
            v.put(Quantity.IMPORT_ENERGY_TOTAL, v.get(Quantity.IMPORT_ENERGY_TOTAL) + adjust[0]);
            v.put(Quantity.EXPORT_ENERGY_TOTAL, v.get(Quantity.EXPORT_ENERGY_TOTAL) + adjust[1]);
        }
        return v;
    }

    private Map<Quantity, Long> raw(String name, Instant t) {
        SimMeter m = require(name);
        if (!t.isBefore(liveFrom)) {
            for (SimulatedCharger c : chargers.values()) {
                c.advance(t);
            }
        }
        long importWh;
        long exportWh;
        long powerW;
        switch (m.config().role()) {
            case GRID -> {
                GridReading r = grid.counters(t);
                importWh = r.importWh();
                exportWh = r.exportWh();
                powerW = grid.powerW(t);
            }
            case PV -> {
                importWh = 0;
                exportWh = m.profile().counterWh(t);
                powerW = -m.profile().powerW(t);
            }
            default -> {
                importWh = m.profile().counterWh(t);
                exportWh = 0;
                powerW = m.profile().powerW(t);
            }
        }
        Map<Quantity, Long> v = new EnumMap<>(Quantity.class);
        v.put(Quantity.IMPORT_ENERGY_TOTAL, m.offsetWh() + importWh);
        v.put(
                Quantity.EXPORT_ENERGY_TOTAL,
                (m.config().role() == org.hausmeter.ledger.MeterRole.PV ? m.offsetWh() : 0) + exportWh);
        v.put(Quantity.ACTIVE_POWER_TOTAL, powerW);
        long third = powerW / 3;
        v.put(Quantity.ACTIVE_POWER_L1, powerW - 2 * third);
        v.put(Quantity.ACTIVE_POWER_L2, third);
        v.put(Quantity.ACTIVE_POWER_L3, third);
        long minuteOfDay = (t.getEpochSecond() / 60) % 1440;
        v.put(Quantity.VOLTAGE_L1, 229_000 + (minuteOfDay * 7) % 3_000);
        v.put(Quantity.VOLTAGE_L2, 230_000 + (minuteOfDay * 11) % 3_000);
        v.put(Quantity.VOLTAGE_L3, 231_000 - (minuteOfDay * 5) % 3_000);
        return v;
    }

    /** The meter's register image at {@code t}: what a real meter of its model would answer. */
    public RegisterImage image(String name, Instant t) {
        SimMeter m = require(name);
        Map<Quantity, Long> values = values(name, t);
        if (m.sunspec() == null) {
            return RegisterEncoder.encode(m.map(), only(values, m.map().registers()));
        }
        List<Register> registers = m.map().resolve(m.sunspec().models());
        return RegisterEncoder.encode(m.sunspec().image(), m.map(), registers, only(values, registers), Map.of());
    }

    private static Map<Quantity, Long> only(Map<Quantity, Long> values, List<Register> registers) {
        Map<Quantity, Long> result = new EnumMap<>(Quantity.class);
        for (Register r : registers) {
            Long v = values.get(r.quantity());
            if (v != null) {
                result.put(r.quantity(), v);
            }
        }
        return result;
    }

    private SimMeter require(String name) {
        SimMeter m = meters.get(name);
        if (m == null) {
            throw new IllegalArgumentException("No simulated meter [" + name + "]");
        }
        return m;
    }

    /** A building without PV. */
    private static final class ZeroProfile implements PowerProfile {
        @Override
        public long powerW(Instant t) {
            return 0;
        }

        @Override
        public long counterMj(Instant t) {
            return 0;
        }
    }
}
