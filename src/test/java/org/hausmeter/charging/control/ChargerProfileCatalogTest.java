package org.hausmeter.charging.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.j2mod.J2modTcpBus;
import org.hausmeter.bus.sim.ModbusSlaveServer;
import org.hausmeter.bus.sim.SimulatedCharger;
import org.hausmeter.bus.sim.profile.ConstantLoad;
import org.hausmeter.bus.sim.profile.LiveChargerLoad;
import org.hausmeter.bus.sim.profile.SimGrid;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every control profile in modbus-bus-config/chargers/ (like the register-map catalog test, a new
 * file is covered with no new test): it loads, binds with its defaults, and switches a simulated
 * charger over real Modbus (TCP, or RTU frames over TCP for RTU devices) through the same
 * {@link ChargerController} the server uses: enable lets the simulated car draw, disable stops it,
 * the state reads back, and the vehicle register (where there is one) reports the car.
 */
class ChargerProfileCatalogTest {

    private static final Path DIR = Path.of("modbus-bus-config", "chargers");
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @Test
    void catalog_hasTheRelayAndTwoWallboxes() {
        assertThat(ChargerProfileCatalog.load(DIR).ids())
                .contains("modbus-relay", "heidelberg-energy-control", "phoenix-contact-ev-cc");
    }

    @Test
    void everyProfile_switchesASimulatedChargerOverModbus() throws Exception {
        ChargerProfileCatalog catalog = ChargerProfileCatalog.load(DIR);
        for (String id : catalog.ids()) {
            ChargerProfile profile = catalog.find(id).orElseThrow();
            Map<String, Long> params = new HashMap<>();
            for (ChargerProfile.Parameter p : profile.parameters().values()) {
                if (p.defaultValue() == null) {
                    params.put(p.name(), Math.min(p.max(), p.min() + 3));
                }
            }
            Map<String, Long> bound =
                    catalog.bind(new BuildingConfig.ChargerControl(id, "b", 7, params, 1), "ch-x", "test.yaml");
            drive(profile, bound);
        }
    }

    private static void drive(ChargerProfile profile, Map<String, Long> params) throws Exception {
        MutableClock clock = new MutableClock(T0);
        LiveChargerLoad load = new LiveChargerLoad(new ConstantLoad(SimGrid.minutes(T0.minusSeconds(86_400)), 0), T0);
        SimulatedCharger charger = new SimulatedCharger("ch-x", load);
        try (ModbusSlaveServer server = new ModbusSlaveServer("sim-" + profile.id())) {
            server.addUnit(7, new SimulatedWallbox(profile, params, charger, clock));
            boolean rtu = profile.transport() == ChargerProfile.Transport.RTU;
            int port = rtu ? server.startRtuOverTcp() : server.startTcp();
            try (ModbusBus bus = rtu
                    ? J2modTcpBus.rtuOverTcp("b", "127.0.0.1", port, Duration.ofMillis(500))
                    : J2modTcpBus.modbusTcp("b", "127.0.0.1", port, Duration.ofMillis(500))) {
                ChargerController c = new ChargerController("ch-x", profile, "b", 7, params, new BusAccess() {
                    @Override
                    public <T> T call(String busId, BusTask<T> task) throws org.hausmeter.bus.ModbusFailure {
                        return task.run(bus);
                    }
                });
                c.setup();
                assertThat(c.enabled()).as(profile.id() + " starts disabled").isFalse();
                assertThat(c.enable()).as(profile.id() + " enable reads back").isTrue();
                assertThat(charger.enabled(clock.instant())).isTrue();
                if (profile.vehicle().isPresent()) {
                    assertThat(c.vehicle()).as(profile.id()).contains(ChargerController.Vehicle.CHARGING);
                }
                clock.advance(Duration.ofMinutes(30));
                assertThat(load.energyWh(T0, clock.instant()))
                        .as(profile.id() + ": 11 kW for 30 min")
                        .isEqualTo(5_500);
                assertThat(c.disable()).as(profile.id() + " disable reads back").isFalse();
                assertThat(charger.enabled(clock.instant())).isFalse();
                clock.advance(Duration.ofMinutes(30));
                assertThat(load.energyWh(T0, clock.instant()))
                        .as(profile.id() + ": nothing after disable")
                        .isEqualTo(5_500);
                if (c.limitable()) {
                    // the power control's current: the limit register holds it, the charger is enabled again
                    assertThat(c.setLimit(10))
                            .as(profile.id() + " limit reads back enabled")
                            .isTrue();
                    assertThat(charger.enabled(clock.instant())).isTrue();
                    Map<String, Long> withLimit = new HashMap<>(params);
                    withLimit.put(ChargerProfile.LIMIT_PARAMETER, 10L);
                    for (ChargerProfile.Write w : profile.limit()) {
                        int word = bus.readRegisters(
                                        7,
                                        org.hausmeter.bus.FunctionCode.HOLDING,
                                        (int) w.address().resolve(params),
                                        1)[0];
                        assertThat(word)
                                .as(profile.id() + " limit register")
                                .isEqualTo(w.value().resolve(withLimit));
                    }
                    assertThat(c.setLimit(0))
                            .as(profile.id() + " limit 0 pauses")
                            .isFalse();
                    assertThat(charger.enabled(clock.instant())).isFalse();
                }
                if (profile.vehicle().isPresent()) {
                    assertThat(c.vehicle()).contains(ChargerController.Vehicle.PLUGGED);
                    charger.unplug(clock.instant());
                    assertThat(c.vehicle()).contains(ChargerController.Vehicle.UNPLUGGED);
                }
            }
        }
    }

    @Test
    void bothWallboxes_takeACurrentLimit_theRelayDoesNot() {
        ChargerProfileCatalog catalog = ChargerProfileCatalog.load(DIR);
        assertThat(catalog.find("heidelberg-energy-control").orElseThrow().limit())
                .singleElement()
                .satisfies(w -> assertThat(w.value().resolve(Map.of(ChargerProfile.LIMIT_PARAMETER, 13L)))
                        .isEqualTo(130));
        assertThat(catalog.find("phoenix-contact-ev-cc").orElseThrow().limit())
                .singleElement()
                .satisfies(w -> assertThat(w.value().resolve(Map.of(ChargerProfile.LIMIT_PARAMETER, 13L)))
                        .isEqualTo(13));
        assertThat(catalog.find("modbus-relay").orElseThrow().limit()).isEmpty();
    }

    @Test
    void heidelberg_writesTheCurrentInTenthsOfAnAmpere_withFc16() throws Exception {
        ChargerProfile p = ChargerProfileCatalog.load(DIR)
                .find("heidelberg-energy-control")
                .orElseThrow();
        assertThat(p.enable()).singleElement().satisfies(w -> {
            assertThat(w.function()).isEqualTo(ChargerProfile.WriteFunction.FC16);
            assertThat(w.value().resolve(Map.of("currentA", 16L))).isEqualTo(160);
        });
        assertThat(p.keepAlive().orElseThrow().resolve(Map.of("watchdogMs", 15_000L)))
                .isEqualTo(7_500);
    }

    @Test
    void bind_refusesUnknownAndOutOfRangeParameters_andMissingRequiredOnes() {
        ChargerProfileCatalog catalog = ChargerProfileCatalog.load(DIR);
        assertThatThrownBy(() -> catalog.bind(
                        new BuildingConfig.ChargerControl("modbus-relay", "b", 7, Map.of(), 12), "ch-1", "b.yaml"))
                .hasMessageStartingWith("b.yaml:12: charger [ch-1] control parameter [coil] must be set");
        assertThatThrownBy(() -> catalog.bind(
                        new BuildingConfig.ChargerControl(
                                "heidelberg-energy-control", "b", 7, Map.of("currentA", 40L), 3),
                        "ch-2",
                        "b.yaml"))
                .hasMessageContaining("[currentA] = [40] is out of range 6..16");
        assertThatThrownBy(() -> catalog.bind(
                        new BuildingConfig.ChargerControl("modbus-relay", "b", 7, Map.of("coil", 1L, "colour", 2L), 3),
                        "ch-2",
                        "b.yaml"))
                .hasMessageContaining("parameter [colour] is not one of");
        assertThatThrownBy(() -> catalog.bind(
                        new BuildingConfig.ChargerControl("no-such", "b", 7, Map.of(), 3), "ch-2", "b.yaml"))
                .hasMessageContaining("profile [no-such] is unknown");
    }

    @Test
    void load_refusesBrokenFiles_withFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                profile: bad
                description: x
                source: x
                transport: any
                enable:
                  - {coil: "${nope}", on: true, comment: x}
                disable:
                  - {coil: 1, on: false, comment: x}
                enabledState: {coil: 1, comment: x}
                """);
        assertThatThrownBy(() -> ChargerProfileCatalog.load(dir))
                .hasMessageContaining("bad.yaml:6")
                .hasMessageContaining("parameter [nope], which is not declared");
        Files.writeString(dir.resolve("bad.yaml"), """
                profile: other
                description: x
                source: x
                transport: any
                enable: []
                disable: []
                enabledState: {coil: 1, comment: x}
                """);
        assertThatThrownBy(() -> ChargerProfileCatalog.load(dir))
                .hasMessageContaining("must equal the file name [bad]");
        assertThat(ChargerProfileCatalog.load(dir.resolve("missing")).ids()).isEmpty();
    }
}
