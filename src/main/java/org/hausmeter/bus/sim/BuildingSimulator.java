package org.hausmeter.bus.sim;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.bus.RegisterImage;
import org.hausmeter.bus.RtuTiming;
import org.hausmeter.bus.SerialSettings;
import org.hausmeter.bus.config.BuildingConfig;

/**
 * Serves a {@link SimulatedBuilding} as real Modbus slaves, one {@link ModbusSlaveServer} per bus of
 * the building file, answering at the instant of each request (per {@code clock}, which may be
 * accelerated).
 * <ul>
 * <li>{@link Mode#LOOPBACK}: every bus on 127.0.0.1 and a free port: Modbus TCP for TCP buses, RTU
 * frames over TCP for RTU and RTU-over-TCP buses (the default run and the tests);</li>
 * <li>{@link Mode#AS_CONFIGURED}: RTU buses on the other end of their serial device's pty pair
 * (see {@link #simulatorSide}), TCP buses on a free loopback port (see {@link #endpoints()}); a
 * third-party master such as mbpoll can read them.</li>
 * </ul>
 * Words between a meter's mapped registers read as 0, as on real meters; outside them the unit
 * answers exception 2 (illegal data address).
 */
public final class BuildingSimulator implements AutoCloseable {

    public enum Mode {
        LOOPBACK,
        AS_CONFIGURED
    }

    /** Where a simulated bus answers. {@code rtuFraming}: RTU frames (CRC) instead of MBAP over TCP. */
    public record Endpoint(String busId, String host, int port, boolean rtuFraming, Optional<String> device) {}

    private final Map<String, ModbusSlaveServer> servers = new LinkedHashMap<>();
    /** What each unit of each bus answers: its meter, and devices attached later (charger controls). */
    private final Map<String, Map<Integer, java.util.List<RegisterSource>>> units =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final SimulatedBuilding building;

    private BuildingSimulator(SimulatedBuilding building) {
        this.building = building;
    }

    /**
     * @param rtuTurnaround when set, replies on RTU buses are delayed by the wire time of request and
     *                      response at the bus's baud rate, t3.5 and this meter turnaround
     */
    public static BuildingSimulator start(
            BuildingConfig config, SimulatedBuilding building, Clock clock, Mode mode, Optional<Duration> rtuTurnaround)
            throws IOException {
        BuildingSimulator sim = new BuildingSimulator(building);
        // The profiles integrate from the simulation's epoch once and cache by day: do it before serving,
        // so a first request does not wait for more than a meter's turnaround (the grid meter nets all others).
        building.meterNames().forEach(m -> building.values(m, clock.instant()));
        try {
            for (BuildingConfig.Bus bus : config.buses()) {
                ModbusSlaveServer server = new ModbusSlaveServer("sim-" + bus.id());
                for (BuildingConfig.Meter m : config.metersOn(bus.id())) {
                    RegisterSource meter = source(building, m.name(), clock);
                    sim.units
                            .computeIfAbsent(bus.id(), b -> new java.util.concurrent.ConcurrentHashMap<>())
                            .put(m.unitId(), new java.util.concurrent.CopyOnWriteArrayList<>(java.util.List.of(meter)));
                    server.addUnit(m.unitId(), meter);
                }
                if (bus instanceof BuildingConfig.RtuBus rtu && rtuTurnaround.isPresent()) {
                    server.setReplyDelay(
                            ReplyDelay.rtuTimed(RtuTiming.of(serial(rtu, rtu.device())), rtuTurnaround.get()));
                }
                sim.servers.put(bus.id(), server);
                Endpoint endpoint;
                if (bus instanceof BuildingConfig.TcpBus tcp) {
                    int port = server.startTcp();
                    endpoint = new Endpoint(bus.id(), "127.0.0.1", port, false, Optional.empty());
                } else if (bus instanceof BuildingConfig.RtuBus rtu && mode == Mode.AS_CONFIGURED) {
                    String device = simulatorSide(rtu.device());
                    if (!java.nio.file.Files.exists(java.nio.file.Path.of(device))) {
                        throw new IOException("Bus [" + bus.id() + "]: serial device [" + device
                                + "] does not exist. For a"
                                + " pty pair: socat -d -d pty,raw,echo=0,link=" + device + " pty,raw,echo=0,link="
                                + rtu.device());
                    }
                    server.startRtu(serial(rtu, device));
                    endpoint = new Endpoint(bus.id(), null, 0, true, Optional.of(simulatorSide(rtu.device())));
                } else {
                    endpoint = new Endpoint(bus.id(), "127.0.0.1", server.startRtuOverTcp(), true, Optional.empty());
                }
                sim.endpoints.put(bus.id(), endpoint);
            }
            return sim;
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    /**
     * The simulator serves the OTHER end of a pty pair: a building file naming /tmp/ttyV1 for the
     * poller is served on /tmp/ttyV0 (socat links ttyV0 and ttyV1, ttyV2 and ttyV3, ...).
     */
    static String simulatorSide(String device) {
        int i = device.length() - 1;
        while (i >= 0 && Character.isDigit(device.charAt(i))) {
            i--;
        }
        if (i == device.length() - 1) {
            return device;
        }
        int n = Integer.parseInt(device.substring(i + 1));
        return device.substring(0, i + 1) + (n % 2 == 1 ? n - 1 : n + 1);
    }

    static SerialSettings serial(BuildingConfig.RtuBus rtu, String device) {
        return SerialSettings.of(rtu, device);
    }

    /**
     * Serves one bus of the building on a serial device (e.g. one end of a socat pty pair), with the
     * line settings of {@code settings}. The caller closes the returned server.
     */
    public static ModbusSlaveServer serveOnSerial(
            BuildingConfig config, SimulatedBuilding building, Clock clock, String busId, SerialSettings settings)
            throws IOException {
        ModbusSlaveServer server = new ModbusSlaveServer("sim-" + busId);
        for (BuildingConfig.Meter m : config.metersOn(busId)) {
            building.values(m.name(), clock.instant());
            server.addUnit(m.unitId(), source(building, m.name(), clock));
        }
        server.startRtu(settings);
        return server;
    }

    private static RegisterSource source(SimulatedBuilding building, String meter, Clock clock) {
        return (fc, address, count) -> {
            RegisterImage image = building.image(meter, clock.instant());
            Map<Integer, Integer> words = image.words(fc);
            if (words.isEmpty()) {
                throw SlaveException.illegalAddress(address, count);
            }
            int first = ((java.util.NavigableMap<Integer, Integer>) new java.util.TreeMap<>(words)).firstKey();
            int last = ((java.util.NavigableMap<Integer, Integer>) new java.util.TreeMap<>(words)).lastKey();
            if (address < first || address + count - 1 > last) {
                throw SlaveException.illegalAddress(address, count);
            }
            int[] result = new int[count];
            for (int i = 0; i < count; i++) {
                result[i] = words.getOrDefault(address + i, 0);
            }
            return result;
        };
    }

    /**
     * Adds a device to unit {@code unitId} of bus {@code busId}: a unit of its own, or one more
     * register space of a unit that already answers (a wallbox that is also its own meter; several
     * chargers on one relay module). A request is answered by the first of the unit's devices that
     * has all the registers asked for; a write goes to the first that accepts it.
     */
    public void attach(String busId, int unitId, RegisterSource device) {
        ModbusSlaveServer server = servers.get(busId);
        if (server == null) {
            throw new IllegalArgumentException("No simulated bus [" + busId + "]");
        }
        java.util.List<RegisterSource> devices = units.computeIfAbsent(
                        busId, b -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(unitId, u -> new java.util.concurrent.CopyOnWriteArrayList<>());
        devices.add(device);
        server.addUnit(unitId, devices.size() == 1 ? device : new SharedUnit(java.util.List.copyOf(devices)));
    }

    /** Several devices answering one unit id. */
    private record SharedUnit(java.util.List<RegisterSource> devices) implements RegisterSource {

        @Override
        public int[] read(org.hausmeter.bus.FunctionCode fc, int address, int count) throws SlaveException {
            SlaveException first = null;
            for (RegisterSource d : devices) {
                try {
                    return d.read(fc, address, count);
                } catch (SlaveException e) {
                    first = first == null ? e : first;
                }
            }
            throw first;
        }

        @Override
        public void writeRegister(int address, int value) throws SlaveException {
            SlaveException first = null;
            for (RegisterSource d : devices) {
                try {
                    d.writeRegister(address, value);
                    return;
                } catch (SlaveException e) {
                    first = first == null ? e : first;
                }
            }
            throw first;
        }

        @Override
        public boolean[] readCoils(int address, int count) throws SlaveException {
            SlaveException first = null;
            for (RegisterSource d : devices) {
                try {
                    return d.readCoils(address, count);
                } catch (SlaveException e) {
                    first = first == null ? e : first;
                }
            }
            throw first;
        }

        @Override
        public void writeCoil(int address, boolean on) throws SlaveException {
            SlaveException first = null;
            for (RegisterSource d : devices) {
                try {
                    d.writeCoil(address, on);
                    return;
                } catch (SlaveException e) {
                    first = first == null ? e : first;
                }
            }
            throw first;
        }
    }

    public Map<String, Endpoint> endpoints() {
        return Map.copyOf(endpoints);
    }

    public SimulatedBuilding building() {
        return building;
    }

    /** The slave server of a bus, e.g. to inject faults: {@code server("rtu0").setFault(3, SlaveFault.SILENT)}. */
    public ModbusSlaveServer server(String busId) {
        return servers.get(busId);
    }

    @Override
    public void close() {
        servers.values().forEach(ModbusSlaveServer::close);
    }
}
