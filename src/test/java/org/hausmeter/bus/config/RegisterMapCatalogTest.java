package org.hausmeter.bus.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hausmeter.bus.DecodeResult;
import org.hausmeter.bus.Quantity;
import org.hausmeter.bus.ReadPlanner;
import org.hausmeter.bus.ReadRequest;
import org.hausmeter.bus.Register;
import org.hausmeter.bus.RegisterDecoder;
import org.hausmeter.bus.RegisterEncoder;
import org.hausmeter.bus.RegisterImage;
import org.hausmeter.bus.RegisterMap;
import org.hausmeter.bus.SunSpecLayout;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Loads every file in {@code modbus-bus-config/models}: a new model file is covered here with
 * no new Java (evcc's template_test.go does the same for its templates).
 */
class RegisterMapCatalogTest {

    static final Path MODELS = Path.of("modbus-bus-config/models");

    @TestFactory
    Stream<DynamicTest> everyModelFile_loadsPlansAndRoundTrips() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(MODELS)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    RegisterMap map = RegisterMapCatalog.loadFile(file);
                    assertThat(map.id() + ".yaml").isEqualTo(file.getFileName().toString());
                    assertThat(map.source()).isNotBlank();
                    assertThat(map.registers())
                            .allSatisfy(r -> assertThat(r.comment()).isNotBlank());
                    // Export is optional: a wallbox metering itself only imports (export_wh is stored as NULL).
                    assertThat(map.quantities()).contains(Quantity.IMPORT_ENERGY_TOTAL, Quantity.ACTIVE_POWER_TOTAL);
                    List<Register> registers = absolute(map);
                    for (ReadRequest read : ReadPlanner.plan(registers, 0, map.maxRegistersPerRead())) {
                        assertThat(read.count()).isBetween(1, map.maxRegistersPerRead());
                    }
                    Map<Quantity, Long> values = sampleValues(registers);
                    RegisterImage image = RegisterEncoder.encode(base(map), map, registers, values, Map.of());
                    DecodeResult decoded = RegisterDecoder.decode(map, registers, image);
                    assertThat(decoded.faults()).isEmpty();
                    assertThat(decoded.values()).isEqualTo(values);
                }));
    }

    @Test
    void catalog_knowsTheShippedModels() {
        RegisterMapCatalog catalog = RegisterMapCatalog.load(MODELS);
        assertThat(catalog.ids())
                .contains(
                        "eastron-sdm630",
                        "eastron-sdm120",
                        "eastron-sdm72d-m",
                        "abb-b23",
                        "carlo-gavazzi-em24",
                        "sunspec");
        assertThat(catalog.get("eastron-sdm120").maxBaud()).isEqualTo(9600);
        assertThat(catalog.get("eastron-sdm72d-m").maxBaud()).isEqualTo(19200);
        assertThat(catalog.get("eastron-sdm72d-m").minPauseMs()).isEqualTo(500);
        assertThat(catalog.find("nope")).isEmpty();
    }

    private static List<Register> absolute(RegisterMap map) {
        return map.isSunSpec()
                ? map.resolve(
                        layout().models(),
                        map.registers().get(0).sunspecModels().get(0))
                : map.registers();
    }

    private static RegisterImage base(RegisterMap map) {
        return map.isSunSpec() ? layout().image() : RegisterImage.empty();
    }

    private static SunSpecLayout layout() {
        return SunSpecLayout.build(
                40000,
                List.of(
                        new SunSpecLayout.Model(1, 66),
                        new SunSpecLayout.Model(101, 50),
                        new SunSpecLayout.Model(103, 50),
                        new SunSpecLayout.Model(203, 105)));
    }

    /** Values every register type can carry exactly at scale factor 0. */
    private static Map<Quantity, Long> sampleValues(List<Register> registers) {
        Map<Quantity, Long> values = new EnumMap<>(Quantity.class);
        for (Register r : registers) {
            long value = switch (r.quantity()) {
                case IMPORT_ENERGY_TOTAL -> 9_876_500L;
                case EXPORT_ENERGY_TOTAL -> 1_234_500L;
                // Negative where the type can carry it (import positive); a wallbox's uint16 power cannot.
                case ACTIVE_POWER_TOTAL -> r.type().signed() ? -1_234L : 1_234L;
                case ACTIVE_POWER_L1, ACTIVE_POWER_L2, ACTIVE_POWER_L3 -> 412L;
                case VOLTAGE_L1, VOLTAGE_L2, VOLTAGE_L3 -> 231_000L;
            };
            values.put(r.quantity(), value);
        }
        return values;
    }
}
