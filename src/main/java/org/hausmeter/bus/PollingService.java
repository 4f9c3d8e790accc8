package org.hausmeter.bus;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.j2mod.J2modRtuBus;
import org.hausmeter.bus.j2mod.J2modTcpBus;
import org.hausmeter.bus.sim.BuildingSimulator;
import org.hausmeter.bus.sim.profile.SimClock;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.ReadingSource;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.live.LiveValues;
import org.jboss.logging.Logger;

/**
 * Runs the buses of the building file: counters of every meter at each wall-clock quarter hour
 * (:00 :15 :30 :45, all buses in parallel, one request at a time per bus), instantaneous power every
 * few seconds for live values, meter health on /q/metrics. With the simulator on (the demo run), the
 * buses are answered by in-process Modbus slaves of the same building file ({@link SimulatorStartup}).
 * <p>
 * Readings go to the database through {@link PendingReadingsFlush}, which keeps what the database does not
 * take until it is back.
 */
@ApplicationScoped
public class PollingService {

    private static final Logger LOG = Logger.getLogger(PollingService.class);

    /** Figures of the last quarter-hour cycle of one bus. */
    public record CycleStats(String bus, Instant started, Duration took, int meters, int answered) {}

    private final BuildingTopology topology;
    private final SimulatorStartup simulation;
    private final PendingReadingsFlush readings;
    private final org.hausmeter.ledger.persistence.LedgerDerivation derivation;
    private final LiveValues live;
    private final Clock clock;
    private final MeterRegistry registry;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final Duration timeout;
    private final int retries;
    private final Duration liveInterval;
    private final boolean enabled;

    private final Map<String, BusPoller> pollers = new LinkedHashMap<>();
    private final Map<String, ExecutorService> busThreads = new LinkedHashMap<>();
    private final Map<String, ModbusBus> buses = new LinkedHashMap<>();
    private final Map<String, CycleStats> lastCycle = new java.util.concurrent.ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean running;
    /** When polling started, then when the last quarter-hour cycle finished reading every bus (server clock). */
    private volatile Instant lastCompletedCycle;

    PollingService(
            BuildingTopology topology,
            SimulatorStartup simulation,
            PendingReadingsFlush readings,
            org.hausmeter.ledger.persistence.LedgerDerivation derivation,
            LiveValues live,
            Clock clock,
            MeterRegistry registry,
            com.fasterxml.jackson.databind.ObjectMapper mapper,
            @ConfigProperty(name = "hausmeter.bus.timeout", defaultValue = "500ms") Duration timeout,
            @ConfigProperty(name = "hausmeter.bus.retries", defaultValue = "2") int retries,
            @ConfigProperty(name = "hausmeter.bus.live-interval", defaultValue = "10s") Duration liveInterval,
            @ConfigProperty(name = "hausmeter.bus.polling", defaultValue = "true") boolean enabled) {
        this.topology = topology;
        this.simulation = simulation;
        this.readings = readings;
        this.derivation = derivation;
        this.live = live;
        this.clock = clock;
        this.registry = registry;
        this.mapper = mapper;
        this.timeout = timeout;
        this.retries = retries;
        this.liveInterval = liveInterval;
        this.enabled = enabled;
    }

    void onStart(@Observes @Priority(40) StartupEvent event) throws IOException {
        Optional<BuildingConfig> building = topology.building();
        if (building.isEmpty() || !enabled) {
            return;
        }
        BuildingConfig config = building.get();
        Map<String, BuildingSimulator.Endpoint> endpoints = simulation.start(config);
        Map<String, Long> ids = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> m = new LinkedHashMap<>();
            for (Meter meter : Meter.<Meter>list("removedAt is null")) {
                m.put(meter.name, meter.id);
            }
            return m;
        });
        for (BuildingConfig.Bus bus : config.buses()) {
            ModbusBus modbus = open(bus, Optional.ofNullable(endpoints.get(bus.id())));
            List<PolledMeter> meters = new ArrayList<>();
            for (BuildingConfig.Meter m : config.metersOn(bus.id())) {
                MeterHealth health = new MeterHealth(
                        m.name(),
                        clock,
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(5),
                        new MeterHealthLog(bus.id(), m.unitId()));
                PolledMeter pm = new PolledMeter(m, topology.catalog().get(m.model()), ids.get(m.name()), health);
                meters.add(pm);
                metrics(bus.id(), pm);
            }
            pollers.put(
                    bus.id(),
                    new BusPoller(modbus, meters, clock, new BusPoller.RetryPolicy(retries, Duration.ofMillis(200))));
            buses.put(bus.id(), modbus);
            busThreads.put(bus.id(), Executors.newSingleThreadExecutor(r -> new Thread(r, "bus-" + bus.id())));
            Gauge.builder(
                            "hausmeter.bus.cycle",
                            () -> Optional.ofNullable(lastCycle.get(bus.id()))
                                    .map(c -> c.took().toNanos() / 1e9)
                                    .orElse(Double.NaN))
                    .baseUnit("seconds")
                    .tag("bus", bus.id())
                    .description("Duration of the last quarter-hour counter read of the bus")
                    .register(registry);
        }
        lastCompletedCycle = clock.instant();
        running = true;
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "poller");
            t.setDaemon(true);
            return t;
        });
        scheduler.execute(this::quarterHourLoop);
        scheduler.scheduleWithFixedDelay(
                this::liveCycle, liveInterval.toMillis(), liveInterval.toMillis(), TimeUnit.MILLISECONDS);
        simulation.startHistory(
                pollers.values().stream().flatMap(p -> p.meters().stream()).toList());
        LOG.infof(
                "Polling %d meters on %d buses at every quarter hour; live power every %s",
                pollers.values().stream().mapToInt(p -> p.meters().size()).sum(), pollers.size(), liveInterval);
    }

    private ModbusBus open(BuildingConfig.Bus bus, Optional<BuildingSimulator.Endpoint> simulated) {
        return open(bus, simulated, timeout);
    }

    /** The transport of a bus of the building file, or of its simulated endpoint (also for the {@code read-now} command). */
    public static ModbusBus open(
            BuildingConfig.Bus bus, Optional<BuildingSimulator.Endpoint> simulated, Duration timeout) {
        if (simulated.isPresent()) {
            BuildingSimulator.Endpoint e = simulated.get();
            return e.rtuFraming()
                    ? J2modTcpBus.rtuOverTcp(bus.id(), e.host(), e.port(), timeout)
                    : J2modTcpBus.modbusTcp(bus.id(), e.host(), e.port(), timeout);
        }
        if (bus instanceof BuildingConfig.TcpBus tcp) {
            return J2modTcpBus.modbusTcp(bus.id(), tcp.host(), tcp.port(), timeout);
        }
        if (bus instanceof BuildingConfig.RtuOverTcpBus rot) {
            return J2modTcpBus.rtuOverTcp(bus.id(), rot.host(), rot.port(), timeout);
        }
        BuildingConfig.RtuBus rtu = (BuildingConfig.RtuBus) bus;
        return new J2modRtuBus(bus.id(), SerialSettings.of(rtu, rtu.device()), timeout);
    }

    private void metrics(String bus, PolledMeter m) {
        Tags tags = Tags.of("bus", bus, "meter", m.name());
        MeterHealth h = m.health();
        FunctionCounter.builder("hausmeter.meter.reads", h, MeterHealth::reads)
                .tags(tags)
                .description("Successful reads of the meter")
                .register(registry);
        for (MeterHealth.Failure kind : MeterHealth.Failure.values()) {
            FunctionCounter.builder("hausmeter.meter.failures", h, x -> x.failures(kind))
                    .tags(tags.and("kind", kind.name()))
                    .description("Failed reads of the meter by kind")
                    .register(registry);
        }
        Gauge.builder("hausmeter.meter.consecutive.failures", h, MeterHealth::consecutiveFailures)
                .tags(tags)
                .register(registry);
        Gauge.builder(
                        "hausmeter.meter.last.good.read",
                        h,
                        x -> x.lastGoodRead().map(t -> t.getEpochSecond()).orElse(0L))
                .baseUnit("seconds")
                .tags(tags)
                .description("Epoch second of the last good read")
                .register(registry);
    }

    private void quarterHourLoop() {
        while (running) {
            Instant now = clock.instant();
            Instant next = nextQuarterHour(now);
            Duration wait = Duration.between(now, next);
            if (clock instanceof SimClock sim) {
                wait = sim.realDuration(wait);
            }
            try {
                Thread.sleep(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                try {
                    runCycle();
                } catch (RuntimeException e) {
                    LOG.error("Quarter-hour cycle failed: " + e.getMessage(), e);
                }
            }
        }
    }

    static Instant nextQuarterHour(Instant now) {
        return Intervals.next(now);
    }

    /** Reads every bus's counters in parallel and stores them; returns how many readings were stored. */
    public int runCycle() {
        Map<String, Future<List<BusPoller.CounterRead>>> futures = new LinkedHashMap<>();
        Map<String, Instant> started = new LinkedHashMap<>();
        Map<String, Long> t0 = new LinkedHashMap<>();
        for (Map.Entry<String, BusPoller> e : pollers.entrySet()) {
            started.put(e.getKey(), clock.instant());
            t0.put(e.getKey(), System.nanoTime());
            futures.put(e.getKey(), busThreads.get(e.getKey()).submit(() -> {
                List<BusPoller.CounterRead> reads = e.getValue().readCounters();
                lastCycle.put(
                        e.getKey(),
                        new CycleStats(
                                e.getKey(),
                                started.get(e.getKey()),
                                Duration.ofNanos(System.nanoTime() - t0.get(e.getKey())),
                                e.getValue().meters().size(),
                                reads.size()));
                return reads;
            }));
        }
        for (Map.Entry<String, Future<List<BusPoller.CounterRead>>> e : futures.entrySet()) {
            try {
                for (BusPoller.CounterRead r : e.getValue().get()) {
                    if (r.meter().meterId() > 0) {
                        readings.add(new CounterReading(
                                r.meter().meterId(), r.readAt(), r.importWh(), r.exportWh(), ReadingSource.POLL));
                    }
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return 0;
            } catch (java.util.concurrent.ExecutionException ex) {
                LOG.errorf(
                        "Bus [%s] cycle failed: %s", e.getKey(), ex.getCause().getMessage());
            }
        }
        lastCompletedCycle = clock.instant();
        int stored = readings.flush();
        if (stored > 0) {
            Instant boundary = Intervals.floor(clock.instant());
            try {
                derivation.derive(boundary.minus(Duration.ofHours(2)), boundary);
            } catch (SQLException | RuntimeException ex) {
                LOG.warnf("Interval derivation after the quarter-hour read failed: %s", ex.getMessage());
            }
        }
        return stored;
    }

    private void liveCycle() {
        if (!running) {
            return;
        }
        Instant boundary = nextQuarterHour(clock.instant());
        List<Future<List<BusPoller.PowerRead>>> futures = new ArrayList<>();
        for (Map.Entry<String, BusPoller> e : pollers.entrySet()) {
            futures.add(busThreads
                    .get(e.getKey())
                    .submit(() -> e.getValue()
                            .readPower(() -> !clock.instant().isBefore(boundary.minusSeconds(2))
                                    && clock.instant().isBefore(boundary.plusSeconds(1)))));
        }
        List<LiveValues.LivePower> values = new ArrayList<>();
        for (Future<List<BusPoller.PowerRead>> f : futures) {
            try {
                for (BusPoller.PowerRead r : f.get()) {
                    values.add(new LiveValues.LivePower(r.meter().name(), r.powerW(), r.readAt()));
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException ex) {
                LOG.debugf("Live read failed: %s", ex.getCause().getMessage());
            }
        }
        live.publish(values);
        live.publishHealth(healthSnapshot());
    }

    /** Each meter's health as a small JSON object, for Redis (pages read it from there). */
    Map<String, String> healthSnapshot() {
        Map<String, String> json = new LinkedHashMap<>();
        for (BusPoller p : pollers.values()) {
            for (PolledMeter m : p.meters()) {
                MeterHealth h = m.health();
                Map<String, Object> failures = new LinkedHashMap<>();
                for (MeterHealth.Failure f : MeterHealth.Failure.values()) {
                    failures.put(f.name(), h.failures(f));
                }
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("bus", p.busName());
                view.put("lastGoodRead", h.lastGoodRead().map(Instant::toString).orElse(null));
                view.put("consecutiveFailures", h.consecutiveFailures());
                view.put("defective", h.isDefective());
                view.put("reads", h.reads());
                view.put("failures", failures);
                view.put("exceptionCodes", h.exceptionCodes());
                try {
                    json.put(m.name(), mapper.writeValueAsString(view));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return json;
    }

    /**
     * When the last quarter-hour cycle finished reading every bus (its readings may still wait for the
     * database); the start of polling before the first cycle; empty when nothing is polled.
     */
    public Optional<Instant> lastCompletedCycle() {
        return running ? Optional.ofNullable(lastCompletedCycle) : Optional.empty();
    }

    public Map<String, CycleStats> lastCycles() {
        return Map.copyOf(lastCycle);
    }

    public Map<String, BusPoller> pollers() {
        return Map.copyOf(pollers);
    }

    /** Whether bus {@code busId} is answered by the simulator (the demo; buses named in {@code hausmeter.sim.buses}). */
    public boolean isSimulated(String busId) {
        return simulation.isSimulated(busId);
    }

    /** The simulated building's slaves, when the simulator runs (see {@link SimulatorStartup}). */
    public Optional<BuildingSimulator> simulator() {
        return simulation.simulator();
    }

    /**
     * Commissioning scan of unit ids on a configured bus, run on the bus's own thread so it never
     * interleaves with polling requests.
     */
    public List<BusScanner.UnitReport> scan(String busId, int from, int to) {
        try {
            return busThreads
                    .get(busId)
                    .submit(() -> BusScanner.scan(buses.get(busId), from, to))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Scan interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Commissioning: reads the counters of every meter of every bus now (buses in parallel, each on its own
     * thread between the poller's requests), stores nothing (see {@link ReadNow}). Waits at most {@code maxWait}
     * per bus; a bus that does not get its turn in time is left out of the answer (and logged).
     */
    public List<ReadNow.MeterRead> readAllNow(Duration maxWait) {
        if (!running) {
            return List.of();
        }
        Map<String, Future<List<ReadNow.MeterRead>>> futures = new LinkedHashMap<>();
        for (Map.Entry<String, BusPoller> e : pollers.entrySet()) {
            futures.put(e.getKey(), busThreads.get(e.getKey()).submit(() -> ReadNow.readAll(e.getValue())));
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        List<ReadNow.MeterRead> all = new ArrayList<>();
        for (Map.Entry<String, Future<List<ReadNow.MeterRead>>> e : futures.entrySet()) {
            try {
                all.addAll(e.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.TimeoutException ex) {
                e.getValue().cancel(false);
                LOG.warnf("Read now: bus [%s] busy for more than %d ms, left out", e.getKey(), maxWait.toMillis());
            } catch (java.util.concurrent.ExecutionException ex) {
                LOG.errorf(
                        "Read now: bus [%s] failed: %s",
                        e.getKey(), ex.getCause().getMessage());
            }
        }
        return all;
    }

    /** Work on one bus, run on its thread. */
    @FunctionalInterface
    public interface BusTask<T> {
        T run(ModbusBus bus) throws ModbusFailure;
    }

    /**
     * Runs {@code task} on bus {@code busId}'s own thread, between the poller's requests (never
     * interleaved with them: one request at a time on the bus), waiting at most {@code maxWait} for
     * its turn and its end. A quarter-hour read in progress is finished first.
     *
     * @throws ModbusFailure what the task threw
     * @throws IllegalStateException unknown or stopped bus, interruption, or {@code maxWait} exceeded
     */
    public <T> T onBus(String busId, BusTask<T> task, Duration maxWait) throws ModbusFailure {
        ExecutorService thread = busThreads.get(busId);
        ModbusBus bus = buses.get(busId);
        if (thread == null || bus == null || !running) {
            throw new IllegalStateException("Bus [" + busId + "] is not running");
        }
        Future<T> f = thread.submit(() -> task.run(bus));
        try {
            return f.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for bus [" + busId + "]");
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(false);
            throw new IllegalStateException("Bus [" + busId + "] busy for more than " + maxWait.toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ModbusFailure failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The polled meter named {@code name}, if a bus polls it. */
    public Optional<PolledMeter> polledMeter(String name) {
        return pollers.values().stream()
                .flatMap(p -> p.meters().stream())
                .filter(m -> m.name().equals(name))
                .findFirst();
    }

    /** The bus by id, for commissioning scans. */
    public Optional<ModbusBus> bus(String id) {
        return Optional.ofNullable(buses.get(id));
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        busThreads.values().forEach(ExecutorService::shutdownNow);
        readings.flush();
        buses.values().forEach(ModbusBus::close);
        simulation.close();
    }
}
