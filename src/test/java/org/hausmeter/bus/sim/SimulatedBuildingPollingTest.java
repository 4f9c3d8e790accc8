package org.hausmeter.bus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.bus.BusPoller;
import org.hausmeter.bus.MeterHealth;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.Parity;
import org.hausmeter.bus.PolledMeter;
import org.hausmeter.bus.Quantity;
import org.hausmeter.bus.SerialSettings;
import org.hausmeter.bus.SocatPtyPair;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.config.BuildingConfigLoader;
import org.hausmeter.bus.config.RegisterMapCatalog;
import org.hausmeter.bus.j2mod.J2modRtuBus;
import org.hausmeter.bus.j2mod.J2modTcpBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo building end to end over real Modbus: the simulator encodes every meter with its register
 * map, the poller reads it through j2mod and decodes it with the same map, and the values arrive to
 * the resolution of each meter model. Faults are counted and do not stall the bus.
 */
class SimulatedBuildingPollingTest {

    private static final RegisterMapCatalog CATALOG = RegisterMapCatalog.load(Path.of("modbus-bus-config/models"));
    private static final BuildingConfig BUILDING =
            BuildingConfigLoader.load(Path.of("modbus-bus-config/demo-building.yaml"), CATALOG);
    private static final Instant NOON = Instant.parse("2026-06-21T10:00:00Z");
    /** Half the energy resolution of each model: float32 kWh 1 Wh, ABB 10 Wh, EM24 100 Wh. */
    private static final Map<String, Long> ENERGY_TOLERANCE_WH = Map.of(
            "eastron-sdm120",
            0L,
            "eastron-sdm630",
            0L,
            "eastron-sdm72d-m",
            0L,
            "sunspec",
            0L,
            "abb-b23",
            5L,
            "carlo-gavazzi-em24",
            50L);

    private final Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);
    private final SimulatedBuilding simulated =
            new SimulatedBuilding(BUILDING, CATALOG, SimulatedBuilding.Options.demo(ZoneId.of("Europe/Berlin")));
    private BuildingSimulator simulator;
    private final List<ModbusBus> buses = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulator =
                BuildingSimulator.start(BUILDING, simulated, clock, BuildingSimulator.Mode.LOOPBACK, Optional.empty());
    }

    @AfterEach
    void stop() {
        buses.forEach(ModbusBus::close);
        simulator.close();
    }

    private BusPoller poller(String busId, Duration timeout) {
        BuildingSimulator.Endpoint e = simulator.endpoints().get(busId);
        ModbusBus bus = e.rtuFraming()
                ? J2modTcpBus.rtuOverTcp(busId, e.host(), e.port(), timeout)
                : J2modTcpBus.modbusTcp(busId, e.host(), e.port(), timeout);
        buses.add(bus);
        return new BusPoller(bus, meters(busId), clock, new BusPoller.RetryPolicy(2, Duration.ofMillis(10)));
    }

    private List<PolledMeter> meters(String busId) {
        List<PolledMeter> meters = new ArrayList<>();
        long id = 1;
        for (BuildingConfig.Meter m : BUILDING.metersOn(busId)) {
            meters.add(new PolledMeter(
                    m,
                    CATALOG.get(m.model()),
                    id++,
                    new MeterHealth(m.name(), clock, Duration.ofSeconds(10), Duration.ofMinutes(5))));
        }
        return meters;
    }

    @Test
    void everyMeterOfTheDemoBuilding_readsBackWhatTheSimulatorEncoded() {
        Map<String, BusPoller.CounterRead> reads = new LinkedHashMap<>();
        for (BuildingConfig.Bus bus : BUILDING.buses()) {
            for (BusPoller.CounterRead r :
                    poller(bus.id(), Duration.ofMillis(500)).readCounters()) {
                reads.put(r.meter().name(), r);
            }
        }
        assertThat(reads.keySet()).containsExactlyInAnyOrderElementsOf(simulated.meterNames());
        for (BusPoller.CounterRead r : reads.values()) {
            Map<Quantity, Long> expected = simulated.values(r.meter().name(), NOON);
            long tolerance = ENERGY_TOLERANCE_WH.get(r.meter().config().model());
            String what = r.meter().name() + " (" + r.meter().config().model() + ")";
            if (r.meter().has(Quantity.IMPORT_ENERGY_TOTAL)) {
                assertThat(r.importWh())
                        .as(what + " import")
                        .isCloseTo(
                                expected.get(Quantity.IMPORT_ENERGY_TOTAL),
                                org.assertj.core.data.Offset.offset(tolerance));
            }
            assertThat(r.exportWh()).as(what + " export").isNotNull();
            assertThat(r.exportWh())
                    .as(what + " export")
                    .isCloseTo(
                            expected.get(Quantity.EXPORT_ENERGY_TOTAL), org.assertj.core.data.Offset.offset(tolerance));
        }
        // At noon in June the roof produces and the building feeds in.
        assertThat(reads.get("pv").exportWh()).isGreaterThan(1_000_000L);
    }

    @Test
    void livePower_followsTheProfiles_withPvNegative() {
        List<BusPoller.PowerRead> power = new ArrayList<>();
        for (BuildingConfig.Bus bus : BUILDING.buses()) {
            power.addAll(poller(bus.id(), Duration.ofMillis(500)).readPower(() -> false));
        }
        Map<String, Long> byMeter = new LinkedHashMap<>();
        power.forEach(p -> byMeter.put(p.meter().name(), p.powerW()));
        assertThat(byMeter).containsKeys("apt-0.1", "grid", "pv", "common");
        assertThat(byMeter.get("pv"))
                .as("PV produces at noon in June, import-positive sign")
                .isNegative();
        assertThat(byMeter.get("apt-0.2"))
                .isCloseTo(
                        simulated.values("apt-0.2", NOON).get(Quantity.ACTIVE_POWER_TOTAL),
                        org.assertj.core.data.Offset.offset(1L));
    }

    @Test
    void faultyUnits_areCountedByKind_andDoNotStallTheBus() {
        simulator.server("rtu0").setFault(3, org.hausmeter.bus.sim.SlaveFault.SILENT);
        simulator.server("rtu0").setFault(4, org.hausmeter.bus.sim.SlaveFault.exception(4));
        simulator.server("rtu0").setFault(5, org.hausmeter.bus.sim.SlaveFault.GARBAGE);
        Duration timeout = Duration.ofMillis(300);
        BusPoller rtu0 = poller("rtu0", timeout);

        List<BusPoller.CounterRead> first = rtu0.readCounters();
        assertThat(first)
                .extracting(r -> r.meter().name())
                .containsExactlyInAnyOrder("apt-0.1", "apt-0.2", "apt-2.2", "common", "grid");
        Map<String, MeterHealth> health = new LinkedHashMap<>();
        rtu0.meters().forEach(m -> health.put(m.name(), m.health()));
        assertThat(health.get("apt-1.1").failures(MeterHealth.Failure.TIMEOUT)).isEqualTo(3);
        assertThat(health.get("apt-1.2").failures(MeterHealth.Failure.EXCEPTION))
                .isEqualTo(3);
        assertThat(health.get("apt-1.2").exceptionCodes()).containsEntry(4, 3L);
        assertThat(health.get("apt-2.1").failures(MeterHealth.Failure.CRC)).isEqualTo(3);
        assertThat(health.get("apt-1.1").isDefective()).isTrue();

        // Flagged meters get one attempt per cycle: the silent one costs one timeout, not three.
        List<BusPoller.CounterRead> second = rtu0.readCounters();
        assertThat(second).hasSize(5);
        assertThat(health.get("apt-1.1").failures(MeterHealth.Failure.TIMEOUT)).isEqualTo(4);

        // The meter comes back: it is read again and its flag clears.
        simulator.server("rtu0").setFault(3, org.hausmeter.bus.sim.SlaveFault.NONE);
        assertThat(rtu0.readCounters()).extracting(r -> r.meter().name()).contains("apt-1.1");
        assertThat(health.get("apt-1.1").isDefective()).isFalse();
        assertThat(health.get("apt-1.1").lastGoodRead()).contains(NOON);
    }

    @Test
    void rtuBus_overASocatPtyPair_readsTheMeters() throws Exception {
        try (SocatPtyPair pty = SocatPtyPair.start();
                ModbusSlaveServer server = BuildingSimulator.serveOnSerial(
                        BUILDING,
                        simulated,
                        clock,
                        "rtu1",
                        new SerialSettings(pty.slaveEnd(), 19200, 8, Parity.NONE, 1))) {
            ModbusBus bus = new J2modRtuBus(
                    "rtu1", new SerialSettings(pty.masterEnd(), 19200, 8, Parity.NONE, 1), Duration.ofMillis(500));
            buses.add(bus);
            BusPoller poller = new BusPoller(bus, meters("rtu1"), clock, BusPoller.RetryPolicy.DEFAULT);
            List<BusPoller.CounterRead> reads = poller.readCounters();
            assertThat(reads)
                    .extracting(r -> r.meter().name())
                    .containsExactlyInAnyOrder("apt-3.1", "apt-3.2", "apt-4.1", "apt-4.2", "apt-5.1", "apt-5.2");
            for (BusPoller.CounterRead r : reads) {
                assertThat(r.importWh())
                        .as(r.meter().name())
                        .isEqualTo(simulated.values(r.meter().name(), NOON).get(Quantity.IMPORT_ENERGY_TOTAL));
            }
        }
    }
}
