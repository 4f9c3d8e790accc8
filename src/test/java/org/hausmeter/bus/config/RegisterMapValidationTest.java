package org.hausmeter.bus.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad file is refused with {@code file:line: problem}. */
class RegisterMapValidationTest {

    @TempDir
    Path dir;

    private static final String HEADER = """
            model: test-meter
            description: test
            source: docs/domain.md 1.1
            maxBaud: 9600
            minPauseMs: 100
            function: input
            wordOrder: msw-first
            registers:
            """;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private Path testMeter(String registers) throws IOException {
        return write("test-meter.yaml", HEADER + registers);
    }

    private static final String IMPORT = """
              - quantity: IMPORT_ENERGY_TOTAL
                address: 0x0048
                type: float32
                unit: kWh
                comment: "30073 import"
            """;

    @Test
    void unknownQuantity() throws IOException {
        Path file = testMeter(IMPORT + """
                  - quantity: IMPORT_ENERGY
                    address: 0x004A
                    type: float32
                    unit: kWh
                    comment: "30075 export"
                """);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .isInstanceOf(RegisterMapException.class)
                .hasMessageStartingWith(file + ":14: unknown quantity [IMPORT_ENERGY]; known: [IMPORT_ENERGY_TOTAL");
    }

    @Test
    void unknownType() throws IOException {
        Path file = testMeter("""
                  - quantity: IMPORT_ENERGY_TOTAL
                    address: 0x0048
                    type: double
                    unit: kWh
                    comment: "30073 import"
                """);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .hasMessageStartingWith(file + ":11: unknown register type [double]; known: [int16, uint16, int32");
    }

    @Test
    void overlappingRegisters() throws IOException {
        Path file = testMeter(IMPORT + """
                  - quantity: EXPORT_ENERGY_TOTAL
                    address: 0x0049
                    type: float32
                    unit: kWh
                    comment: "wrong address"
                """);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .hasMessage(
                        file
                                + ":14: register [EXPORT_ENERGY_TOTAL] at [0x0049..0x004A] overlaps [IMPORT_ENERGY_TOTAL] (line 9)");
    }

    @Test
    void duplicateQuantity() throws IOException {
        Path file = testMeter(IMPORT + """
                  - quantity: IMPORT_ENERGY_TOTAL
                    address: 0x0156
                    type: float32
                    unit: kWh
                    comment: "30343 total"
                """);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .hasMessage(file + ":14: quantity [IMPORT_ENERGY_TOTAL] appears twice (first at line 9)");
    }

    @Test
    void addressOutOfRange() throws IOException {
        Path file = testMeter("""
                  - quantity: IMPORT_ENERGY_TOTAL
                    address: 0x10000
                    type: float32
                    unit: kWh
                    comment: "too far"
                """);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .hasMessage(file + ":10: address [0x10000] is out of range 0..65535");
    }

    @Test
    void valueRunningPastTheAddressSpace() throws IOException {
        Path file = testMeter("""
                  - quantity: IMPORT_ENERGY_TOTAL
                    address: 0xFFFF
                    type: float32
                    unit: kWh
                    comment: "last register"
                """);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .hasMessage(file + ":10: address [0xFFFF] + 2 registers runs past 65535");
    }

    @Test
    void missingSource() throws IOException {
        Path file = write("test-meter.yaml", HEADER.replace("source: docs/domain.md 1.1\n", "") + IMPORT);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .hasMessage(file + ":1: register map has no [source]");
    }

    @Test
    void blankSource() throws IOException {
        Path file = write("test-meter.yaml", HEADER.replace("source: docs/domain.md 1.1", "source: \"  \"") + IMPORT);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file)).hasMessage(file + ":3: source must not be blank");
    }

    @Test
    void unitNotConvertibleToTheQuantity() throws IOException {
        Path file = testMeter("""
                  - quantity: VOLTAGE_L1
                    address: 0x0000
                    type: float32
                    unit: kWh
                    comment: "30001 voltage"
                """);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .hasMessageStartingWith(file + ":12: unit [kWh] cannot be converted to MILLIVOLT for VOLTAGE_L1");
    }

    @Test
    void modelIdMustMatchFileName() throws IOException {
        Path file = write("other-meter.yaml", HEADER + IMPORT);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .hasMessage(file + ":1: model id [test-meter] differs from the file name [other-meter]");
    }

    @Test
    void unknownKey_catchesTypos() throws IOException {
        Path file = testMeter(IMPORT.replace("unit: kWh", "unit: kWh\n    scalefactor: 2"));

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .hasMessageStartingWith(file + ":13: unknown key [scalefactor] in register");
    }

    @Test
    void nonStandardMaxBaud() throws IOException {
        Path file = write("test-meter.yaml", HEADER.replace("maxBaud: 9600", "maxBaud: 10000") + IMPORT);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .hasMessageStartingWith(file + ":4: maxBaud [10000] is not a standard rate");
    }

    @Test
    void scaleFactorOnTopOfAValue() throws IOException {
        Path file = testMeter("""
                  - quantity: IMPORT_ENERGY_TOTAL
                    address: 0x0010
                    type: uint32
                    unit: Wh
                    comment: "import"
                  - quantity: ACTIVE_POWER_TOTAL
                    address: 0x0020
                    type: int16
                    scaleFactorAddress: 0x0011
                    unit: W
                    comment: "power"
                """);

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file))
                .hasMessage(
                        file
                                + ":17: scale factor of [ACTIVE_POWER_TOTAL] at [0x0011] overlaps [IMPORT_ENERGY_TOTAL] (line 9)");
    }

    @Test
    void duplicateKey() throws IOException {
        Path file = testMeter(IMPORT.replace("type: float32", "type: float32\n    type: int32"));

        assertThatThrownBy(() -> RegisterMapCatalog.loadFile(file)).hasMessageContaining(file + ":12: ");
    }

    @Test
    void catalogLoad_stopsAtTheBadFile() throws IOException {
        write("test-meter.yaml", HEADER + IMPORT.replace("float32", "float"));

        assertThatThrownBy(() -> RegisterMapCatalog.load(dir))
                .isInstanceOf(RegisterMapException.class)
                .hasMessageStartingWith(dir.resolve("test-meter.yaml") + ":11: unknown register type [float]");
    }
}
