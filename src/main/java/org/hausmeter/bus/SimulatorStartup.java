package org.hausmeter.bus;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.sim.BuildingSimulator;
import org.hausmeter.bus.sim.SimulatedBuilding;
import org.hausmeter.bus.sim.SimulatedHistory;
import org.hausmeter.ledger.HistoryReady;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.persistence.LedgerDerivation;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.ledger.persistence.ReadingStore;
import org.jboss.logging.Logger;

/**
 * The simulated building of the demo run ({@code hausmeter.sim.enabled}): starts in-process Modbus slaves
 * of the building file, continuing the last stored counters, for {@link PollingService} to poll like real
 * buses; on a first start, generates the last {@code hausmeter.sim.history-months} months of readings.
 */
@ApplicationScoped
public class SimulatorStartup {

    private static final Logger LOG = Logger.getLogger(SimulatorStartup.class);

    private final BuildingTopology topology;
    private final BuildingSettings settings;
    private final ReadingStore store;
    private final LedgerDerivation derivation;
    private final Clock clock;
    private final Event<HistoryReady> historyReady;
    private final boolean simulate;
    private final Set<String> onlyBuses;
    private final int historyMonths;
    private volatile BuildingSimulator simulator;
    private volatile Set<String> simulatedBuses = Set.of();

    SimulatorStartup(
            BuildingTopology topology,
            BuildingSettings settings,
            ReadingStore store,
            LedgerDerivation derivation,
            Clock clock,
            Event<HistoryReady> historyReady,
            @ConfigProperty(name = "hausmeter.sim.enabled") boolean simulate,
            @ConfigProperty(name = "hausmeter.sim.buses") Optional<List<String>> onlyBuses,
            @ConfigProperty(name = "hausmeter.sim.history-months", defaultValue = "12") int historyMonths) {
        this.onlyBuses = onlyBuses
                .map(l -> l.stream()
                        .map(String::strip)
                        .filter(b -> !b.isEmpty())
                        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)))
                .map(java.util.Collections::unmodifiableSet)
                .orElse(Set.of());
        this.topology = topology;
        this.settings = settings;
        this.store = store;
        this.derivation = derivation;
        this.clock = clock;
        this.historyReady = historyReady;
        this.simulate = simulate;
        this.historyMonths = historyMonths;
    }

    /**
     * With the simulator on, starts it for {@code config}; chargers are live from now on: they draw only when
     * switched on over Modbus (charging).
     *
     * @return the simulated endpoints by bus id; empty with the simulator off
     */
    Map<String, BuildingSimulator.Endpoint> start(BuildingConfig config) throws IOException {
        if (!simulate && onlyBuses.isEmpty()) {
            return Map.of();
        }
        Set<String> known =
                config.buses().stream().map(BuildingConfig.Bus::id).collect(java.util.stream.Collectors.toSet());
        for (String b : onlyBuses) {
            if (!known.contains(b)) {
                throw new IllegalStateException(
                        "hausmeter.sim.buses names bus [" + b + "], which the building file does not have");
            }
        }
        SimulatedBuilding simulated = new SimulatedBuilding(
                config,
                topology.catalog(),
                SimulatedBuilding.Options.demo(settings.current().zone()),
                Optional.of(clock.instant()));
        simulated.continueFrom(lastCounters(), clock.instant());
        simulator =
                BuildingSimulator.start(config, simulated, clock, BuildingSimulator.Mode.LOOPBACK, Optional.empty());
        Map<String, BuildingSimulator.Endpoint> endpoints =
                simulated(simulator.endpoints(), simulate ? Set.of() : onlyBuses);
        simulatedBuses = Set.copyOf(endpoints.keySet());
        if (simulate) {
            LOG.infof(
                    "Simulated building: %d meters answer real Modbus on %s",
                    simulated.meterNames().size(),
                    endpoints.values().stream()
                            .map(e -> e.busId() + "=127.0.0.1:" + e.port())
                            .toList());
        } else {
            LOG.warnf(
                    "Simulated buses beside the real ones (hausmeter.sim.buses, for testing): %s answer from the simulator;"
                            + " their readings are stored like real ones",
                    endpoints.values().stream()
                            .map(e -> e.busId() + "=127.0.0.1:" + e.port() + " "
                                    + config.metersOn(e.busId()).stream()
                                            .map(BuildingConfig.Meter::name)
                                            .toList())
                            .toList());
        }
        return endpoints;
    }

    /**
     * The endpoints of the buses to simulate: every bus ({@code only} empty, the demo), else those named in
     * {@code hausmeter.sim.buses} (a simulated wallbox beside real meters); the other buses use their real transport.
     */
    static Map<String, BuildingSimulator.Endpoint> simulated(
            Map<String, BuildingSimulator.Endpoint> all, Set<String> only) {
        if (only.isEmpty()) {
            return all;
        }
        Map<String, BuildingSimulator.Endpoint> some = new LinkedHashMap<>();
        all.forEach((bus, e) -> {
            if (only.contains(bus)) {
                some.put(bus, e);
            }
        });
        return some;
    }

    /** Whether bus {@code busId} is answered by the simulator (every bus in the demo; those of hausmeter.sim.buses). */
    boolean isSimulated(String busId) {
        return simulatedBuses.contains(busId);
    }

    /** With the simulator started and history months configured, generates the history on a background thread (whole simulated building only). */
    void startHistory(List<PolledMeter> meters) {
        if (simulator != null && simulate && historyMonths > 0) {
            Thread history = new Thread(() -> simulatedHistory(meters), "simulated-history");
            history.setDaemon(true);
            history.start();
        }
    }

    /** The running simulator, if started. */
    Optional<BuildingSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    void close() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /** The last stored {import, export} counters of every installed meter, by name (a restarted simulator continues them). */
    private Map<String, long[]> lastCounters() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, long[]> last = new LinkedHashMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Meter.getEntityManager()
                    .createNativeQuery(
                            "select m.name, r.import_wh, coalesce(r.export_wh, 0) from meter m cross join lateral ("
                                    + " select import_wh, export_wh from meter_reading where meter_id = m.id order by read_at desc limit 1) r"
                                    + " where m.removed_at is null")
                    .getResultList();
            for (Object[] row : rows) {
                last.put((String) row[0], new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
            }
            return last;
        });
    }

    /**
     * First start of the simulated building: the last {@code hausmeter.sim.history-months} months of
     * readings, so pages and a first bill run have data from the first minute.
     */
    private void simulatedHistory(List<PolledMeter> meters) {
        Instant to = Intervals.floor(clock.instant());
        Instant from = java.time.ZonedDateTime.ofInstant(to, settings.current().zone())
                .minusMonths(historyMonths)
                .toInstant();
        Instant epoch = simulator.building().options().epoch();
        if (from.isBefore(epoch)) {
            from = epoch;
        }
        Instant start = from;
        boolean empty = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Meter.getEntityManager()
                                        .createNativeQuery(
                                                "select count(*) from (select 1 from meter_reading where read_at < ?1 limit 1) x")
                                        .setParameter(1, to)
                                        .getSingleResult())
                                .longValue()
                        == 0);
        if (!empty) {
            LOG.info("Simulated history: readings of an earlier start are kept; the demo is ready");
            return;
        }
        long t0 = System.nanoTime();
        LOG.infof(
                "Generating the simulated building's history from %s to %s (pages fill in as it goes;"
                        + " 'Demo ready' follows when the history and the demo bills are in) ...",
                start, to);
        try {
            long n = SimulatedHistory.generate(simulator.building(), meters, start, to, store);
            LOG.infof("Simulated history: %d readings stored in %d s", n, (System.nanoTime() - t0) / 1_000_000_000L);
            long t1 = System.nanoTime();
            LedgerDerivation.Result r = derivation.derive(start, to);
            LOG.infof(
                    "Simulated history: %d interval rows of %d meters derived in %d s",
                    r.rows(), r.meters(), (System.nanoTime() - t1) / 1_000_000_000L);
            historyReady.fire(new HistoryReady(start, to));
        } catch (SQLException | RuntimeException e) {
            LOG.error("Simulated history failed: " + e.getMessage(), e);
        }
    }
}
