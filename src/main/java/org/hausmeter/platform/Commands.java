package org.hausmeter.platform;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.hausmeter.bus.BusPoller;
import org.hausmeter.bus.BusScanner;
import org.hausmeter.bus.MeterHealth;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.Parity;
import org.hausmeter.bus.PolledMeter;
import org.hausmeter.bus.PollingService;
import org.hausmeter.bus.ReadNow;
import org.hausmeter.bus.SerialSettings;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.config.BuildingConfigLoader;
import org.hausmeter.bus.config.RegisterMapCatalog;
import org.hausmeter.bus.j2mod.J2modRtuBus;
import org.hausmeter.bus.j2mod.J2modTcpBus;
import org.hausmeter.bus.sim.BuildingSimulator;
import org.hausmeter.bus.sim.SimulatedBuilding;

/**
 * Caretaker commands that run without the server (no database, no Redis):
 * <pre>
 *   scan BUS [FROM-TO]        which unit ids answer on a bus, and what they look like
 *                             BUS = rtu:/dev/ttyUSB0:9600:8N1 | tcp:HOST:PORT | rtu-over-tcp:HOST:PORT
 *   read-now BUILDING-FILE [--bus ID] [--simulated]
 *                             read every meter's counters once, now, on the buses of the building file (server
 *                             stopped: one master per serial line); --simulated reads the file's simulated building
 *   simulate [BUILDING-FILE] [--time-factor N]
 *                             serve a building file's meters as real Modbus slaves (RTU buses on the
 *                             other end of their pty pair, TCP buses on free loopback ports)
 * </pre>
 * Output goes to the given stream: these are terminal commands, not server logs.
 */
public final class Commands {

    private Commands() {}

    public static boolean isCommand(String... args) {
        return args.length > 0 && List.of("scan", "simulate", "read-now").contains(args[0]);
    }

    /** Runs the command; returns the process exit code. */
    public static int run(PrintStream out, String... args) throws Exception {
        return switch (args[0]) {
            case "scan" -> scan(out, args);
            case "simulate" -> simulate(out, args);
            case "read-now" -> readNow(out, Clock.systemUTC(), args);
            default -> 2;
        };
    }

    static int scan(PrintStream out, String... args) {
        if (args.length < 2) {
            out.println("usage: scan rtu:/dev/ttyUSB0:9600:8N1 | tcp:HOST:PORT | rtu-over-tcp:HOST:PORT [FROM-TO]");
            return 2;
        }
        int from = 1;
        int to = 247;
        if (args.length > 2) {
            String[] range = args[2].split("-");
            from = Integer.parseInt(range[0]);
            to = Integer.parseInt(range[range.length - 1]);
        }
        try (ModbusBus bus = openBus(args[1], Duration.ofMillis(300))) {
            out.printf("Scanning [%s] unit ids %d-%d ...%n", args[1], from, to);
            List<BusScanner.UnitReport> units = BusScanner.scan(bus, from, to);
            for (BusScanner.UnitReport u : units) {
                out.printf("unit %3d: %s%n", u.unitId(), u.guess());
                u.answers().forEach(a -> out.println("          " + a));
            }
            out.printf("%d unit(s) answered.%n", units.size());
            return 0;
        }
    }

    /** Parses a bus given on the command line. */
    static ModbusBus openBus(String spec, Duration timeout) {
        String[] p = spec.split(":");
        switch (p[0]) {
            case "tcp":
                return J2modTcpBus.modbusTcp("scan", p[1], Integer.parseInt(p[2]), timeout);
            case "rtu-over-tcp":
                return J2modTcpBus.rtuOverTcp("scan", p[1], Integer.parseInt(p[2]), timeout);
            case "rtu":
                String frame = p.length > 3 ? p[3].toUpperCase() : "8E1";
                Parity parity = switch (frame.charAt(1)) {
                    case 'N' -> Parity.NONE;
                    case 'O' -> Parity.ODD;
                    default -> Parity.EVEN;
                };
                return new J2modRtuBus(
                        "scan",
                        new SerialSettings(
                                p[1], Integer.parseInt(p[2]), frame.charAt(0) - '0', parity, frame.charAt(2) - '0'),
                        timeout);
            default:
                throw new IllegalArgumentException("Bus [" + spec
                        + "]: expected rtu:DEVICE:BAUD[:8E1], tcp:HOST:PORT or" + " rtu-over-tcp:HOST:PORT");
        }
    }

    /**
     * Commissioning without the server: every meter of the building file (or of one bus), read once, now, with the
     * same register maps and decoding as the server; prints counters or the failure kind per meter, stores nothing.
     * Exit code 0 when every meter answered, 1 when one did not, 2 on a usage error.
     */
    static int readNow(PrintStream out, Clock clock, String... args) throws Exception {
        Path file = null;
        String only = null;
        boolean simulated = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--bus" -> only = i + 1 < args.length ? args[++i] : null;
                case "--simulated" -> simulated = true;
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null) {
            out.println(
                    "usage: read-now BUILDING-FILE [--bus ID] [--simulated]   (e.g. modbus-bus-config/my-building.yaml)");
            return 2;
        }
        Path dir = file.toAbsolutePath().getParent();
        Path models = dir.resolve("models");
        if (!java.nio.file.Files.isDirectory(models)) {
            models = Path.of("modbus-bus-config", "models");
        }
        RegisterMapCatalog catalog = RegisterMapCatalog.load(models);
        BuildingConfig building = BuildingConfigLoader.load(file, catalog);
        String bus1 = only;
        if (only != null && building.buses().stream().noneMatch(b -> b.id().equals(bus1))) {
            out.printf("No bus [%s] in %s%n", only, file);
            return 2;
        }
        BuildingSimulator sim = null;
        if (simulated) {
            SimulatedBuilding sb = new SimulatedBuilding(
                    building,
                    catalog,
                    SimulatedBuilding.Options.demo(ZoneId.of("Europe/Berlin")),
                    Optional.of(clock.instant()));
            sim = BuildingSimulator.start(building, sb, clock, BuildingSimulator.Mode.LOOPBACK, Optional.empty());
        }
        int failed = 0;
        int total = 0;
        try {
            out.printf(
                    "%-12s %-8s %4s  %-22s %14s %14s %6s  %s%n",
                    "meter", "bus", "unit", "model", "import kWh", "export kWh", "ms", "result");
            for (BuildingConfig.Bus b : building.buses()) {
                if (only != null && !b.id().equals(only)) {
                    continue;
                }
                Optional<BuildingSimulator.Endpoint> endpoint = sim == null
                        ? Optional.empty()
                        : Optional.ofNullable(sim.endpoints().get(b.id()));
                try (ModbusBus bus = PollingService.open(b, endpoint, Duration.ofMillis(500))) {
                    List<PolledMeter> meters = building.metersOn(b.id()).stream()
                            .map(m -> new PolledMeter(
                                    m,
                                    catalog.get(m.model()),
                                    0,
                                    new MeterHealth(m.name(), clock, Duration.ofSeconds(10), Duration.ofMinutes(5))))
                            .toList();
                    for (ReadNow.MeterRead r :
                            ReadNow.readAll(new BusPoller(bus, meters, clock, BusPoller.RetryPolicy.DEFAULT))) {
                        total++;
                        if (!r.ok()) {
                            failed++;
                        }
                        out.printf(
                                "%-12s %-8s %4d  %-22s %14s %14s %6d  %s%n",
                                r.meter(),
                                r.bus(),
                                r.unitId(),
                                r.model(),
                                kwh(r.importWh()),
                                kwh(r.exportWh()),
                                r.durationMs(),
                                r.ok() ? "ok" : r.failure() + ": " + r.error());
                    }
                }
            }
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
        out.printf("%d of %d meter(s) answered. Nothing stored.%n", total - failed, total);
        return failed == 0 ? 0 : 1;
    }

    private static String kwh(Long wh) {
        return wh == null ? "-" : String.format(java.util.Locale.ROOT, "%.3f", wh / 1000.0);
    }

    static int simulate(PrintStream out, String... args) throws Exception {
        Path dir = Path.of("modbus-bus-config");
        Path file = dir.resolve("demo-building.yaml");
        long factor = 1;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--time-factor")) {
                factor = Long.parseLong(args[++i]);
            } else {
                file = Path.of(args[i]);
            }
        }
        RegisterMapCatalog catalog = RegisterMapCatalog.load(dir.resolve("models"));
        BuildingConfig building = BuildingConfigLoader.load(file, catalog);
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Clock clock = Clocks.of(Clock.systemUTC(), Optional.empty(), factor);
        SimulatedBuilding simulated = new SimulatedBuilding(building, catalog, SimulatedBuilding.Options.demo(zone));
        try (BuildingSimulator sim = BuildingSimulator.start(
                building, simulated, clock, BuildingSimulator.Mode.AS_CONFIGURED, Optional.empty())) {
            out.printf("Simulating [%s] (%s), time factor %d:%n", building.name(), file, factor);
            for (BuildingSimulator.Endpoint e : sim.endpoints().values()) {
                out.printf(
                        "  bus %-8s %s%n",
                        e.busId(),
                        e.device()
                                .map(d -> "RTU on " + d)
                                .orElse((e.rtuFraming() ? "RTU over TCP on " : "Modbus TCP on ") + e.host() + ":"
                                        + e.port()));
                building.metersOn(e.busId())
                        .forEach(m -> out.printf("      unit %3d  %-10s %s%n", m.unitId(), m.name(), m.model()));
            }
            out.println("Ctrl-C stops.");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }
}
