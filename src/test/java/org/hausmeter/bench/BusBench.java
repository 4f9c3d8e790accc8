package org.hausmeter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hausmeter.bus.BusPoller;
import org.hausmeter.bus.MeterHealth;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.PolledMeter;
import org.hausmeter.bus.RtuTiming;
import org.hausmeter.bus.SerialSettings;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.config.RegisterMapCatalog;
import org.hausmeter.bus.j2mod.J2modTcpBus;
import org.hausmeter.bus.sim.BuildingSimulator;
import org.hausmeter.bus.sim.SimulatedBuilding;
import org.hausmeter.ledger.MeterRole;

/**
 * The quarter-hour cycle against the wire limit: 60 SDM630 meters on two simulated RS-485 buses of 30
 * at 19200 baud 8E1. The simulator delays every reply by the exact wire time of request and response,
 * t3.5 and a 20 ms meter turnaround; the master keeps t3.5 of silence before its next request. So the
 * simulated line is as fast as a real one and the figure shows the poller's own overhead.
 * Writes target/bench/bus.json. Smoke mode ({@code -Dbench.smoke=true}): 3 meters per bus, one measured cycle,
 * plus {@code "smoke": true}.
 */
final class BusBench {

    private static final int BAUD = 19200;
    private static final Duration TURNAROUND = Duration.ofMillis(20);
    private static final Duration LIVE_INTERVAL = Duration.ofSeconds(10);

    private final Path out;
    private final boolean smoke;
    /** Meters on each of the two buses: 30, or 3 in smoke mode. */
    private final int metersPerBus;
    /** Measured cycles after the warm-up: 5, or 1 in smoke mode. */
    private final int cycleRuns;

    BusBench(Path out, boolean smoke) {
        this.out = out;
        this.smoke = smoke;
        this.metersPerBus = smoke ? 3 : 30;
        this.cycleRuns = smoke ? 1 : 5;
    }

    void run() throws Exception {
        RegisterMapCatalog catalog = RegisterMapCatalog.load(Path.of("modbus-bus-config/models"));
        List<BuildingConfig.Bus> buses = new ArrayList<>();
        List<BuildingConfig.Apartment> apartments = new ArrayList<>();
        List<BuildingConfig.Meter> meters = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            String bus = "rtu" + b;
            buses.add(new BuildingConfig.RtuBus(bus, "/dev/null", BAUD, BuildingConfig.Parity.EVEN, 8, 1, 0));
            for (int u = 1; u <= metersPerBus; u++) {
                String code = "B-" + b + "." + u;
                apartments.add(new BuildingConfig.Apartment(code, code, b, null, 0));
                meters.add(new BuildingConfig.Meter(
                        "apt-" + b + "-" + u, bus, u, "eastron-sdm630", MeterRole.APARTMENT, code, null, null, 0));
            }
        }
        BuildingConfig building = new BuildingConfig("bench", "Bench building", buses, apartments, List.of(), meters);
        Clock clock = Clock.systemUTC();
        SimulatedBuilding simulated =
                new SimulatedBuilding(building, catalog, SimulatedBuilding.Options.demo(ZoneId.of("Europe/Berlin")));
        RtuTiming timing = RtuTiming.of(SerialSettings.rtu8E1("/dev/null", BAUD));
        Duration silence = Duration.ofNanos(timing.silenceMicros() * 1000);

        Map<String, Object> json = new LinkedHashMap<>();
        try (BuildingSimulator sim = BuildingSimulator.start(
                building, simulated, clock, BuildingSimulator.Mode.LOOPBACK, Optional.of(TURNAROUND))) {
            List<BusPoller> pollers = new ArrayList<>();
            List<ModbusBus> opened = new ArrayList<>();
            for (BuildingConfig.Bus bus : buses) {
                BuildingSimulator.Endpoint e = sim.endpoints().get(bus.id());
                ModbusBus modbus = new J2modTcpBus(
                        bus.id(),
                        e.host(),
                        e.port(),
                        J2modTcpBus.Framing.RTU_OVER_TCP,
                        Duration.ofMillis(500),
                        silence);
                opened.add(modbus);
                List<PolledMeter> polled = new ArrayList<>();
                long id = 1;
                for (BuildingConfig.Meter m : building.metersOn(bus.id())) {
                    polled.add(new PolledMeter(
                            m,
                            catalog.get(m.model()),
                            id++,
                            new MeterHealth(m.name(), clock, Duration.ofSeconds(10), Duration.ofMinutes(5))));
                }
                pollers.add(new BusPoller(modbus, polled, clock, BusPoller.RetryPolicy.DEFAULT));
            }
            ExecutorService threads = Executors.newFixedThreadPool(pollers.size());
            try {
                runCycle(pollers, threads); // warm-up: connections, JIT
                double[] cycles = new double[cycleRuns];
                int answered = 0;
                for (int i = 0; i < cycles.length; i++) {
                    long t0 = System.nanoTime();
                    answered = runCycle(pollers, threads);
                    cycles[i] = (System.nanoTime() - t0) / 1e9;
                }
                Arrays.sort(cycles);
                double cycle = cycles[cycles.length / 2];
                // Theoretical minimum of one bus: 30 (smoke: 3) reads of 4 registers (import + export in one request).
                List<Integer> reads = new ArrayList<>();
                for (int i = 0; i < metersPerBus; i++) {
                    reads.add(4);
                }
                double wireLimit = timing.minimumReadMicros(reads, TURNAROUND) / 1e6;
                long t0 = System.nanoTime();
                pollers.get(0).readPower(() -> false);
                double live = (System.nanoTime() - t0) / 1e9;

                json.put("meters", meters.size());
                json.put("buses", buses.size());
                json.put("baud", BAUD);
                json.put("framing", "8E1");
                json.put("turnaround_ms", TURNAROUND.toMillis());
                json.put("cycle_s", round(cycle, 3));
                json.put(
                        "cycle_s_runs",
                        Arrays.stream(cycles).map(c -> round(c, 3)).toArray());
                json.put("wire_limit_s", round(wireLimit, 3));
                json.put("cycle_ratio", round(cycle / wireLimit, 3));
                json.put("answered", answered);
                json.put("live_read_s", round(live, 3));
                json.put("live_interval_s", LIVE_INTERVAL.toSeconds());
                json.put("live_utilisation", round(live / LIVE_INTERVAL.toNanos() * 1e9, 3));
                if (smoke) {
                    json.put("smoke", true);
                }
            } finally {
                threads.shutdownNow();
                opened.forEach(ModbusBus::close);
            }
        }
        Files.createDirectories(out);
        Path file = out.resolve("bus.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        System.out.println("Wrote " + file + "\n" + Files.readString(file));
    }

    private static int runCycle(List<BusPoller> pollers, ExecutorService threads) throws Exception {
        List<Future<List<BusPoller.CounterRead>>> futures = new ArrayList<>();
        for (BusPoller p : pollers) {
            futures.add(threads.submit(p::readCounters));
        }
        int n = 0;
        for (Future<List<BusPoller.CounterRead>> f : futures) {
            n += f.get().size();
        }
        return n;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
