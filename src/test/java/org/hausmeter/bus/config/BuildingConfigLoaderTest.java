package org.hausmeter.bus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hausmeter.ledger.MeterRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildingConfigLoaderTest {

    static final RegisterMapCatalog CATALOG = RegisterMapCatalog.load(Path.of("modbus-bus-config/models"));

    @TempDir
    Path dir;

    /** A valid building; each test breaks one line of it. Line numbers are noted on the right. */
    private static final String VALID = """
            building: Test house
            buses:
              - id: rtu0
                type: rtu
                device: /dev/ttyUSB0
                baud: 9600
                parity: none
                dataBits: 8
                stopBits: 1
              - id: rtu1
                type: rtu
                device: /dev/ttyUSB1
                baud: 19200
                parity: even
                dataBits: 8
                stopBits: 1
              - id: gw
                type: tcp
                host: 127.0.0.1
                port: 502
            apartments:
              - {code: A-0.1, name: Left, floor: 0, areaM2: 54.20}
              - {code: A-0.2, name: Right, floor: 0, areaM2: 71.50}
            chargers:
              - {id: ch-1, name: Wallbox}
            meters:
              - {name: apt-1, bus: rtu0, unitId: 1, model: eastron-sdm120, role: APARTMENT, apartment: A-0.1}
              - {name: apt-2, bus: rtu0, unitId: 2, model: eastron-sdm630, role: APARTMENT, apartment: A-0.2}
              - {name: grid, bus: rtu1, unitId: 1, model: abb-b23, role: GRID}
              - {name: pv, bus: gw, unitId: 1, model: sunspec, role: PV}
              - {name: wallbox, bus: rtu1, unitId: 2, model: carlo-gavazzi-em24, role: CHARGER, charger: ch-1}
            """;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("building.yaml"), yaml);
    }

    private Path replaced(String from, String to) throws IOException {
        assertThat(VALID).contains(from);
        return write(VALID.replace(from, to));
    }

    @Test
    void demoBuilding_loads() {
        BuildingConfig demo = BuildingConfigLoader.load(Path.of("modbus-bus-config/demo-building.yaml"), CATALOG);

        assertThat(demo.apartments()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(demo.buses()).extracting(BuildingConfig.Bus::id).containsExactly("rtu0", "rtu1", "pv-gw", "garage");
        assertThat(demo.meters())
                .filteredOn(m -> m.role() == MeterRole.APARTMENT)
                .extracting(BuildingConfig.Meter::bus)
                .containsOnly("rtu0", "rtu1");
        assertThat(demo.meters())
                .filteredOn(m -> m.role() != MeterRole.APARTMENT)
                .extracting(BuildingConfig.Meter::name, BuildingConfig.Meter::model, BuildingConfig.Meter::role)
                .containsExactly(
                        tuple("common", "eastron-sdm630", MeterRole.COMMON),
                        tuple("grid", "abb-b23", MeterRole.GRID),
                        tuple("pv", "sunspec", MeterRole.PV),
                        tuple("charger-1", "carlo-gavazzi-em24", MeterRole.CHARGER),
                        tuple("charger-2", "eastron-sdm630", MeterRole.CHARGER));
        assertThat(demo.bus("pv-gw")).containsInstanceOf(BuildingConfig.TcpBus.class);
        assertThat(demo.bus("garage")).containsInstanceOf(BuildingConfig.RtuOverTcpBus.class);
        assertThat(demo.meter("apt-1.2"))
                .get()
                .extracting(BuildingConfig.Meter::apartment)
                .isEqualTo("A-1.2");
        // every apartment has a meter
        assertThat(demo.meters())
                .extracting(BuildingConfig.Meter::apartment)
                .containsAll(demo.apartments().stream()
                        .map(BuildingConfig.Apartment::code)
                        .toList());
    }

    @Test
    void validFile_loadsWithTypes() throws IOException {
        BuildingConfig config = BuildingConfigLoader.load(write(VALID), CATALOG);

        assertThat(config.name()).isEqualTo("Test house");
        assertThat(config.bus("rtu1"))
                .get()
                .isEqualTo(
                        new BuildingConfig.RtuBus("rtu1", "/dev/ttyUSB1", 19200, BuildingConfig.Parity.EVEN, 8, 1, 10));
        assertThat(config.apartments().get(0).areaM2()).isEqualByComparingTo(new BigDecimal("54.20"));
        assertThat(config.metersOn("rtu0"))
                .extracting(BuildingConfig.Meter::unitId)
                .containsExactly(1, 2);
    }

    @Test
    void installedDay_isOptional_andMustBeADay() throws IOException {
        BuildingConfig config = BuildingConfigLoader.load(
                replaced("model: abb-b23, role: GRID", "model: abb-b23, role: GRID, installed: 2026-01-01"), CATALOG);
        assertThat(config.meters())
                .filteredOn(m -> m.name().equals("grid"))
                .extracting(BuildingConfig.Meter::installed)
                .containsExactly(java.time.LocalDate.of(2026, 1, 1));
        assertThat(config.meters())
                .filteredOn(m -> m.name().equals("pv"))
                .extracting(BuildingConfig.Meter::installed)
                .containsOnlyNulls();

        Path file = replaced("model: abb-b23, role: GRID", "model: abb-b23, role: GRID, installed: 1.1.2026");
        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .isInstanceOf(BuildingConfigException.class)
                .hasMessageContaining("meter [grid] installed [1.1.2026] is not a day like 2026-01-01");
    }

    @Test
    void unknownModel() throws IOException {
        Path file = replaced("model: abb-b23", "model: abb-b33");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .isInstanceOf(BuildingConfigException.class)
                .hasMessageStartingWith(file + ":29: meter [grid] model [abb-b33] is unknown; known: [");
    }

    @Test
    void duplicateUnitIdOnABus() throws IOException {
        Path file = replaced("{name: apt-2, bus: rtu0, unitId: 2", "{name: apt-2, bus: rtu0, unitId: 1");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .isInstanceOf(BuildingConfigException.class)
                .hasMessage(file + ":28: meter [apt-2] unit id [1] is used twice on bus [rtu0] (first at line 27)");
    }

    @Test
    void meteringPoint_isOptional_checkedAsMaLoOrMeLo_andStoredUpperCase() throws IOException {
        BuildingConfig config = BuildingConfigLoader.load(
                replaced(
                        "model: abb-b23, role: GRID",
                        "model: abb-b23, role: GRID, meteringPoint: \"de0001234567890123456789012345678\""),
                CATALOG);
        assertThat(config.meters())
                .filteredOn(m -> m.name().equals("grid"))
                .extracting(BuildingConfig.Meter::meteringPoint)
                .containsExactly("DE0001234567890123456789012345678");
        assertThat(config.meters())
                .filteredOn(m -> m.name().equals("pv"))
                .extracting(BuildingConfig.Meter::meteringPoint)
                .containsOnlyNulls();

        Path file = replaced("model: abb-b23, role: GRID", "model: abb-b23, role: GRID, meteringPoint: 51238696782");
        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .isInstanceOf(BuildingConfigException.class)
                .hasMessageContaining("meter [grid] metering point id [51238696782] is no valid Marktlokations-ID: its"
                        + " check digit should be [1]");
    }

    @Test
    void sameUnitIdOnDifferentBuses_isFine() throws IOException {
        assertThat(BuildingConfigLoader.load(write(VALID), CATALOG).meters())
                .filteredOn(m -> m.unitId() == 1)
                .hasSize(3);
    }

    @Test
    void unitIdOutOfRange() throws IOException {
        Path file = replaced("unitId: 2, model: eastron-sdm630", "unitId: 248, model: eastron-sdm630");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .hasMessage(file + ":28: meter [apt-2] unit id [248] is out of range 1..247");
    }

    @Test
    void unitIdZero_isBroadcastAndRefused() throws IOException {
        Path file = replaced("{name: pv, bus: gw, unitId: 1", "{name: pv, bus: gw, unitId: 0");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .hasMessage(file + ":30: meter [pv] unit id [0] is out of range 1..247");
    }

    @Test
    void unknownBus() throws IOException {
        Path file = replaced("{name: pv, bus: gw,", "{name: pv, bus: gw2,");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .hasMessage(file + ":30: meter [pv] bus [gw2] is unknown; known: [rtu0, rtu1, gw]");
    }

    @Test
    void unknownApartment() throws IOException {
        Path file = replaced("apartment: A-0.2}", "apartment: A-0.3}");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .hasMessage(file + ":28: meter [apt-2] apartment [A-0.3] is unknown; known: [A-0.1, A-0.2]");
    }

    @Test
    void unknownCharger() throws IOException {
        Path file = replaced("charger: ch-1}", "charger: ch-9}");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .hasMessage(file + ":31: meter [wallbox] charger [ch-9] is unknown; known: [ch-1]");
    }

    @Test
    void baudFasterThanTheModelsMax() throws IOException {
        Path file = replaced(
                "{name: wallbox, bus: rtu1, unitId: 2, model: carlo-gavazzi-em24",
                "{name: wallbox, bus: rtu1, unitId: 2, model: eastron-sdm120");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .hasMessage(
                        file + ":31: meter [wallbox] model [eastron-sdm120] supports at most [9600] baud but bus [rtu1]"
                                + " runs at [19200] (line 10)");
    }

    @Test
    void apartmentMeterWithoutApartment() throws IOException {
        Path file = replaced(", role: APARTMENT, apartment: A-0.2}", ", role: APARTMENT}");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .hasMessage(file + ":28: meter [apt-2] role [APARTMENT] needs an apartment");
    }

    @Test
    void chargerMeterWithoutCharger() throws IOException {
        Path file = replaced("role: CHARGER, charger: ch-1}", "role: CHARGER}");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .hasMessage(file + ":31: meter [wallbox] role [CHARGER] needs a charger");
    }

    @Test
    void gridMeterNamingAnApartment() throws IOException {
        Path file = replaced("role: GRID}", "role: GRID, apartment: A-0.1}");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .hasMessage(file + ":29: meter [grid] role [GRID] must not name an apartment [A-0.1]");
    }

    @Test
    void unknownRole() throws IOException {
        Path file = replaced("role: GRID}", "role: HEATPUMP}");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .hasMessageStartingWith(file + ":29: meter [grid] role [HEATPUMP] is unknown");
    }

    @Test
    void duplicateBusIdAndDevice() throws IOException {
        Path dupId = replaced("  - id: rtu1\n", "  - id: rtu0\n");
        assertThatThrownBy(() -> BuildingConfigLoader.load(dupId, CATALOG))
                .hasMessage(dupId + ":10: bus id [rtu0] is used twice (first at line 3)");

        Path dupDevice = replaced("device: /dev/ttyUSB1", "device: /dev/ttyUSB0");
        assertThatThrownBy(() -> BuildingConfigLoader.load(dupDevice, CATALOG))
                .hasMessage(
                        dupDevice + ":12: bus [rtu1] device [/dev/ttyUSB0] is already used by another bus (line 3)");
    }

    @Test
    void freeFormApartmentCodes() throws IOException {
        Path spaced = write(
                VALID.replace("{code: A-0.1,", "{code: Whg 117,").replace("apartment: A-0.1}", "apartment: Whg 117}"));
        BuildingConfig b = BuildingConfigLoader.load(spaced, CATALOG);
        assertThat(b.apartments().get(0).code()).isEqualTo("Whg 117");
        assertThat(b.meter("apt-1").orElseThrow().apartment()).isEqualTo("Whg 117");
        String thirtyTwo = "x".repeat(32);
        Path longCode = write(VALID.replace("{code: A-0.2,", "{code: " + thirtyTwo + ",")
                .replace("apartment: A-0.2}", "apartment: " + thirtyTwo + "}"));
        assertThat(BuildingConfigLoader.load(longCode, CATALOG)
                        .apartments()
                        .get(1)
                        .code())
                .isEqualTo(thirtyTwo);
    }

    @Test
    void badApartmentCodeAndArea() throws IOException {
        Path code = replaced("{code: A-0.1,", "{code: Whg 1/2,");
        assertThatThrownBy(() -> BuildingConfigLoader.load(code, CATALOG))
                .hasMessage(code + ":22: apartment code [Whg 1/2] must be 1 to 32 characters without a slash,"
                        + " control character or blank at either end");
        Path tooLong = replaced("{code: A-0.1,", "{code: " + "x".repeat(33) + ",");
        assertThatThrownBy(() -> BuildingConfigLoader.load(tooLong, CATALOG))
                .hasMessageContaining("must be 1 to 32 characters");

        Path area = replaced("areaM2: 71.50", "areaM2: -3");
        assertThatThrownBy(() -> BuildingConfigLoader.load(area, CATALOG))
                .hasMessage(area + ":23: areaM2 [-3] must be positive");
    }

    @Test
    void serialSettingsAreChecked() throws IOException {
        Path parity = replaced("parity: even", "parity: mark");
        assertThatThrownBy(() -> BuildingConfigLoader.load(parity, CATALOG))
                .hasMessage(parity + ":14: bus [rtu1] parity [mark] must be none, even or odd");

        Path baud = replaced("baud: 19200", "baud: 14400");
        assertThatThrownBy(() -> BuildingConfigLoader.load(baud, CATALOG))
                .hasMessageStartingWith(baud + ":13: bus [rtu1] baud [14400] is not a standard rate");

        Path type = replaced("type: tcp", "type: udp");
        assertThatThrownBy(() -> BuildingConfigLoader.load(type, CATALOG))
                .hasMessage(type + ":18: bus [gw] type [udp] must be rtu, tcp or rtu-over-tcp");
    }

    @Test
    void unknownKey() throws IOException {
        Path file = replaced("{name: pv, bus: gw, unitId: 1", "{name: pv, bus: gw, unit: 1");

        assertThatThrownBy(() -> BuildingConfigLoader.load(file, CATALOG))
                .hasMessageStartingWith(file + ":30: unknown key [unit] in meter");
    }

    @Test
    void importOnlyMeterHasNoBus() throws IOException {
        Path file = replaced(
                "  - {name: pv, bus: gw, unitId: 1, model: sunspec, role: PV}\n",
                "  - {name: pv, bus: gw, unitId: 1, model: sunspec, role: PV}\n"
                        + "  - {name: apt-2b, importOnly: true, role: APARTMENT, apartment: A-0.2, verified: 2019}\n");
        BuildingConfig b = BuildingConfigLoader.load(file, CATALOG);
        BuildingConfig.Meter m = b.meter("apt-2b").orElseThrow();
        assertThat(m.importOnly()).isTrue();
        assertThat(m.bus()).isNull();
        assertThat(m.model()).isNull();
        assertThat(m.calibration().lastValidDay()).contains(java.time.LocalDate.of(2027, 12, 31));
        assertThat(b.metersOn("rtu0")).extracting(BuildingConfig.Meter::name).containsExactly("apt-1", "apt-2");
        assertThat(b.meter("apt-1").orElseThrow().importOnly()).isFalse();

        Path withBus = replaced(
                "{name: apt-2, bus: rtu0, unitId: 2, model: eastron-sdm630,",
                "{name: apt-2, importOnly: true, bus: rtu0, unitId: 2, model: eastron-sdm630,");
        assertThatThrownBy(() -> BuildingConfigLoader.load(withBus, CATALOG))
                .hasMessage(withBus + ":28: meter [apt-2] is importOnly and must not have a bus");
        Path noBus = replaced("{name: apt-2, bus: rtu0, unitId: 2, model: eastron-sdm630,", "{name: apt-2,");
        assertThatThrownBy(() -> BuildingConfigLoader.load(noBus, CATALOG)).hasMessageContaining("bus");
    }

    @Test
    void calibrationKeys() throws IOException {
        Path file = replaced("role: GRID}", "role: GRID, verified: 2020, validUntil: 2030-06-30}");
        BuildingConfig.Meter grid =
                BuildingConfigLoader.load(file, CATALOG).meter("grid").orElseThrow();
        assertThat(grid.calibration().verifiedYear()).isEqualTo(2020);
        assertThat(grid.calibration().lastValidDay()).contains(java.time.LocalDate.of(2030, 6, 30));

        Path badDay = replaced("role: GRID}", "role: GRID, validUntil: 30.06.2030}");
        assertThatThrownBy(() -> BuildingConfigLoader.load(badDay, CATALOG))
                .hasMessage(badDay + ":29: meter [grid] validUntil [30.06.2030] is not a day like 2031-12-31");
        Path badYear = replaced("role: GRID}", "role: GRID, verified: 1900}");
        assertThatThrownBy(() -> BuildingConfigLoader.load(badYear, CATALOG)).hasMessageContaining("1900");
        Path before = replaced("role: GRID}", "role: GRID, verified: 2020, validUntil: 2019-12-31}");
        assertThatThrownBy(() -> BuildingConfigLoader.load(before, CATALOG))
                .hasMessageContaining("meter [grid] Valid until [2019-12-31] is before the verification year [2020]");
    }
}
