package org.hausmeter.charging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.config.BuildingConfigLoader;
import org.hausmeter.bus.config.RegisterMapCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chargers in the building file: reader and control are read and checked with file and line. */
class ChargerBuildingFileTest {

    private static final RegisterMapCatalog CATALOG = RegisterMapCatalog.load(Path.of("modbus-bus-config/models"));

    private static String building(String chargers) {
        return """
                building: Test
                buses:
                  - {id: garage, type: rtu-over-tcp, host: 127.0.0.1, port: 5021}
                  - {id: lan, type: tcp, host: 127.0.0.1, port: 502}
                chargers:
                %s
                meters:
                  - {name: charger-1, bus: garage, unitId: 1, model: carlo-gavazzi-em24, role: CHARGER, charger: ch-1}
                  - {name: wallbox-2, bus: lan, unitId: 1, model: phoenix-contact-ev-cc, role: CHARGER, charger: ch-2}
                """.formatted(chargers);
    }

    private static BuildingConfig load(Path dir, String chargers) throws IOException {
        Path file = dir.resolve("b.yaml");
        Files.writeString(file, building(chargers));
        return BuildingConfigLoader.load(file, CATALOG);
    }

    @Test
    void readerAndControl_withParameters_areRead(@TempDir Path dir) throws IOException {
        BuildingConfig b = load(dir, """
                  - {id: ch-1, name: One, reader: ACS ACR122U PICC Interface 00 00, control: {profile: modbus-relay, bus: garage, unitId: 10, coil: 2}}
                  - {id: ch-2, name: Two, control: {profile: phoenix-contact-ev-cc, bus: lan, unitId: 1, currentA: 20}}
                """);
        BuildingConfig.Charger one = b.charger("ch-1").orElseThrow();
        assertThat(one.reader()).contains("ACS ACR122U PICC Interface 00 00");
        assertThat(one.control().orElseThrow().parameters()).isEqualTo(Map.of("coil", 2L));
        assertThat(b.charger("ch-2").orElseThrow().control().orElseThrow().unitId())
                .as("the wallbox is its own meter: control and meter share the unit")
                .isEqualTo(1);
        assertThat(b.metersOf("ch-2")).extracting(BuildingConfig.Meter::name).containsExactly("wallbox-2");
    }

    @Test
    void controlOnAnotherMetersUnit_orUnknownBus_orSameReaderTwice_isRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, """
                  - {id: ch-1, name: One}
                  - {id: ch-2, name: Two, control: {profile: modbus-relay, bus: garage, unitId: 1, coil: 0}}
                """))
                .hasMessageContaining("b.yaml:")
                .hasMessageContaining("charger [ch-2] control unit [1] on bus [garage] is meter [charger-1]");
        assertThatThrownBy(() -> load(dir, """
                  - {id: ch-1, name: One, control: {profile: modbus-relay, bus: nowhere, unitId: 9, coil: 0}}
                  - {id: ch-2, name: Two}
                """)).hasMessageContaining("bus [nowhere] is unknown");
        assertThatThrownBy(() -> load(dir, """
                  - {id: ch-1, name: One, reader: R}
                  - {id: ch-2, name: Two, reader: R}
                """))
                .hasMessageContaining("reader [R] is already the reader of charger [ch-1]");
        assertThatThrownBy(() -> load(dir, """
                  - {id: ch-1, name: One, control: {profile: modbus-relay, bus: garage, unitId: 250, coil: 0}}
                  - {id: ch-2, name: Two}
                """)).hasMessageContaining("unit id [250] is out of range 1..247");
    }

    @Test
    void demoBuilding_hasReadersAndControlsForBothChargers() {
        BuildingConfig demo = BuildingConfigLoader.load(Path.of("modbus-bus-config/demo-building.yaml"), CATALOG);
        assertThat(demo.chargers()).allSatisfy(c -> {
            assertThat(c.reader()).isPresent();
            assertThat(c.control()).isPresent();
        });
    }
}
