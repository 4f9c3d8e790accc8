package org.hausmeter.charging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.bus.BuildingTopology;
import org.hausmeter.bus.BusPoller;
import org.hausmeter.bus.DecodeResult;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.bus.PolledMeter;
import org.hausmeter.bus.PollingService;
import org.hausmeter.bus.Quantity;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.sim.SimulatedCharger;
import org.hausmeter.charging.control.BusAccess;
import org.hausmeter.charging.control.ChargerController;
import org.hausmeter.charging.control.ChargerProfile;
import org.hausmeter.charging.control.ChargerProfileCatalog;
import org.hausmeter.charging.control.ChargerProfileException;
import org.hausmeter.charging.control.SimulatedWallbox;
import org.hausmeter.ledger.persistence.Meter;
import org.jboss.logging.Logger;

/**
 * The chargers of the building file as the charging module uses them: each with its reader, its
 * {@link ChargerController} (from its control profile in {@code modbus-bus-config/chargers/}) and its
 * CHARGER meter. Built at start by {@link #load()}: an unknown profile, a bad parameter, a control
 * without a charger meter or on a bus of the wrong kind stops the start with {@code file:line}.
 * In the simulated building each controlled charger's profile is also served by a {@link SimulatedWallbox}.
 *
 * <p>All Modbus traffic goes through {@link PollingService#onBus}: one request at a time per bus,
 * between the poller's reads.
 */
@ApplicationScoped
public class Chargers {

    private static final Logger LOG = Logger.getLogger(Chargers.class);

    /** A charger's meter: its name in the building file, its current database id and its bus. */
    public record MeterRef(String name, long meterId, String bus) {}

    /** One charger. {@code meter} is empty for a charger without a CHARGER meter (no sessions possible). */
    public record Charger(
            String id,
            String name,
            Optional<String> reader,
            Optional<ChargerController> control,
            Optional<MeterRef> meter) {}

    /** A real read of the charger meter: the import counter, the power, and when it was taken. */
    public record MeterReading(Instant at, long importWh, Optional<Long> powerW) {}

    /** The charger meter did not answer or gave no plausible counter. */
    public static final class MeterReadFailed extends Exception {
        public MeterReadFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final BuildingTopology topology;
    private final PollingService polling;
    private final ChargingConfig config;
    private final Clock clock;
    private final Path configDir;
    private final Map<String, Charger> chargers = new LinkedHashMap<>();
    private ChargerProfileCatalog profiles;

    Chargers(
            BuildingTopology topology,
            PollingService polling,
            ChargingConfig config,
            Clock clock,
            @ConfigProperty(name = "hausmeter.bus.config-dir") Path configDir) {
        this.topology = topology;
        this.polling = polling;
        this.config = config;
        this.clock = clock;
        this.configDir = configDir;
    }

    /** Loads profiles and chargers, attaches simulated wallboxes; called once at start (ChargingStartup). */
    void load() {
        profiles = ChargerProfileCatalog.load(configDir.resolve("chargers"));
        Optional<BuildingConfig> building = topology.building();
        if (building.isEmpty()) {
            return;
        }
        BuildingConfig b = building.get();
        BusAccess buses = new BusAccess() {
            @Override
            public <T> T call(String busId, BusTask<T> task) throws ModbusFailure {
                return polling.onBus(busId, task::run, config.busWait());
            }
        };
        Map<String, Long> meterIds = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> ids = new LinkedHashMap<>();
            for (Meter m : Meter.<Meter>list("removedAt is null")) {
                ids.put(m.name, m.id);
            }
            return ids;
        });
        for (BuildingConfig.Charger c : b.chargers()) {
            List<BuildingConfig.Meter> meters = b.metersOf(c.id());
            if (meters.size() > 1) {
                throw new ChargerProfileException(b.file() + ":" + c.line() + ": charger [" + c.id() + "] has "
                        + meters.size() + " CHARGER meters "
                        + meters.stream().map(BuildingConfig.Meter::name).toList()
                        + "; a session needs exactly one");
            }
            Optional<MeterRef> meter = meters.stream()
                    .findFirst()
                    .map(m -> new MeterRef(m.name(), meterIds.getOrDefault(m.name(), -1L), m.bus()));
            Optional<ChargerController> control = Optional.empty();
            if (c.control().isPresent()) {
                BuildingConfig.ChargerControl cc = c.control().get();
                if (meter.isEmpty()) {
                    throw new ChargerProfileException(b.file() + ":" + cc.line() + ": charger [" + c.id()
                            + "] has a control but no CHARGER meter: sessions need a meter");
                }
                Map<String, Long> params = profiles.bind(cc, c.id(), b.file());
                ChargerProfile profile = profiles.find(cc.profile()).orElseThrow();
                BuildingConfig.Bus bus = b.bus(cc.bus()).orElseThrow();
                boolean tcp = bus instanceof BuildingConfig.TcpBus;
                if (profile.transport() == ChargerProfile.Transport.TCP && !tcp
                        || profile.transport() == ChargerProfile.Transport.RTU && tcp) {
                    throw new ChargerProfileException(
                            b.file() + ":" + cc.line() + ": charger [" + c.id() + "] profile [" + profile.id()
                                    + "] speaks " + profile.transport() + " but bus [" + bus.id() + "] is not");
                }
                control = Optional.of(new ChargerController(c.id(), profile, cc.bus(), cc.unitId(), params, buses));
                attachSimulated(c.id(), profile, params, cc, meter.get().name());
            }
            chargers.put(c.id(), new Charger(c.id(), c.name(), c.reader(), control, meter));
        }
        if (!chargers.isEmpty()) {
            LOG.infof(
                    "Chargers: %s",
                    chargers.values().stream()
                            .map(c -> c.id() + " ("
                                    + c.control()
                                            .map(ChargerController::toString)
                                            .orElse("not controlled") + ", meter "
                                    + c.meter().map(MeterRef::name).orElse("none")
                                    + c.reader()
                                            .map(r -> ", reader [" + r + "]")
                                            .orElse("") + ")")
                            .toList());
        }
    }

    private void attachSimulated(
            String chargerId,
            ChargerProfile profile,
            Map<String, Long> params,
            BuildingConfig.ChargerControl cc,
            String meterName) {
        if (!polling.isSimulated(cc.bus())) {
            return; // a real charger beside simulated buses (hausmeter.sim.buses)
        }
        polling.simulator()
                .ifPresent(sim -> sim.building().charger(chargerId).ifPresent(simulated -> {
                    // A restarted simulator continues the charger meter from the last session reading too (those
                    // are real reads that never became meter_reading rows).
                    Number last = QuarkusTransaction.requiringNew()
                            .call(() -> (Number) org.hausmeter.charging.persistence.ChargingSession.getEntityManager()
                                    .createNativeQuery(
                                            "select max(greatest(start_wh, coalesce(end_wh, 0))) from charging_session"
                                                    + " where charger = ?1")
                                    .setParameter(1, chargerId)
                                    .getSingleResult());
                    if (last != null) {
                        sim.building().continueAtLeast(meterName, last.longValue());
                    }
                    sim.attach(cc.bus(), cc.unitId(), new SimulatedWallbox(profile, params, simulated, clock));
                    LOG.infof(
                            "Simulated charger [%s]: %s answers at bus [%s] unit [%d]",
                            chargerId, profile.id(), cc.bus(), cc.unitId());
                }));
    }

    public List<Charger> all() {
        return List.copyOf(chargers.values());
    }

    public Optional<Charger> byId(String id) {
        return Optional.ofNullable(chargers.get(id));
    }

    public Optional<Charger> byReader(String reader) {
        return chargers.values().stream()
                .filter(c -> c.reader().isPresent() && c.reader().get().equals(reader))
                .findFirst();
    }

    /** Reader names of the building file. */
    public Set<String> readers() {
        return chargers.values().stream()
                .flatMap(c -> c.reader().stream())
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The simulated charger behind {@code id}, in the simulated building only. */
    public Optional<SimulatedCharger> simulated(String id) {
        return polling.simulator()
                .filter(sim -> byId(id).flatMap(Charger::meter)
                        .map(m -> m.bus() != null && polling.isSimulated(m.bus()))
                        .orElse(true))
                .flatMap(sim -> sim.building().charger(id));
    }

    /**
     * Reads the charger meter now (import counter and power), with up to {@code meter-attempts}
     * attempts, on the meter's bus between the poller's requests.
     */
    public MeterReading readMeter(Charger charger) throws MeterReadFailed {
        MeterRef ref = charger.meter()
                .orElseThrow(() -> new MeterReadFailed("charger [" + charger.id() + "] has no meter", null));
        Optional<PolledMeter> polled = polling.polledMeter(ref.name());
        BusPoller poller = polling.pollers().get(ref.bus());
        if (polled.isEmpty() || poller == null) {
            throw new MeterReadFailed("meter [" + ref.name() + "] is not polled (bus not running)", null);
        }
        Exception last = null;
        Duration pause = Duration.ofMillis(200);
        for (int attempt = 1; attempt <= Math.max(1, config.meterAttempts()); attempt++) {
            try {
                return polling.onBus(
                        ref.bus(),
                        bus -> {
                            Instant at = clock.instant();
                            DecodeResult r = poller.readNow(
                                    polled.get(), Set.of(Quantity.IMPORT_ENERGY_TOTAL, Quantity.ACTIVE_POWER_TOTAL));
                            return new MeterReading(
                                    at, r.require(Quantity.IMPORT_ENERGY_TOTAL), r.value(Quantity.ACTIVE_POWER_TOTAL));
                        },
                        config.busWait());
            } catch (ModbusFailure | RuntimeException e) {
                last = e;
                if (attempt < config.meterAttempts()) {
                    try {
                        Thread.sleep(pause.toMillis());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    pause = pause.multipliedBy(2);
                }
            }
        }
        throw new MeterReadFailed(
                "charger meter [" + ref.name() + "] did not answer: " + (last == null ? "?" : last.getMessage()), last);
    }
}
