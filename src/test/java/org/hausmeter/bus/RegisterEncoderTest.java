package org.hausmeter.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The encoder writes what the decoder reads, with the same map files. */
class RegisterEncoderTest {

    static final org.hausmeter.bus.config.RegisterMapCatalog CATALOG = RegisterDecoderTest.CATALOG;

    @Test
    void eastron_encodesTheDatasheetWords() {
        RegisterImage image = RegisterEncoder.encode(
                CATALOG.get("eastron-sdm630"),
                Map.of(Quantity.IMPORT_ENERGY_TOTAL, 999_000L, Quantity.EXPORT_ENERGY_TOTAL, 200_000L));

        assertThat(image.read(FunctionCode.INPUT, 0x0048, 4)).containsExactly(0x4479, 0xC000, 0x4348, 0x0000);
    }

    @Test
    void em24_lowWordFirst() {
        RegisterImage image = RegisterEncoder.encode(
                CATALOG.get("carlo-gavazzi-em24"), Map.of(Quantity.IMPORT_ENERGY_TOTAL, 12_345_600L));

        assertThat(image.read(FunctionCode.INPUT, 0x0042, 2)).containsExactly(0xE240, 0x0001);
    }

    @Test
    void float32_roundTripIsExactBelow16384kWh() {
        RegisterMap map = CATALOG.get("eastron-sdm72d-m");
        for (long wh = 0; wh < 16_384_000L; wh += 7_919L) {
            RegisterImage image = RegisterEncoder.encode(map, Map.of(Quantity.IMPORT_ENERGY_TOTAL, wh));
            assertThat(RegisterDecoder.decode(
                                    map,
                                    List.of(map.register(Quantity.IMPORT_ENERGY_TOTAL)
                                            .orElseThrow()),
                                    image)
                            .require(Quantity.IMPORT_ENERGY_TOTAL))
                    .isEqualTo(wh);
        }
    }

    @Test
    void abb_roundTripAtItsTenWhResolution_andRoundsBetween() {
        RegisterMap abb = CATALOG.get("abb-b23");
        Register importRegister = abb.register(Quantity.IMPORT_ENERGY_TOTAL).orElseThrow();

        long exact = RegisterDecoder.decode(
                        abb,
                        List.of(importRegister),
                        RegisterEncoder.encode(abb, Map.of(Quantity.IMPORT_ENERGY_TOTAL, 123_450L)))
                .require(Quantity.IMPORT_ENERGY_TOTAL);
        long rounded = RegisterDecoder.decode(
                        abb,
                        List.of(importRegister),
                        RegisterEncoder.encode(abb, Map.of(Quantity.IMPORT_ENERGY_TOTAL, 123_455L)))
                .require(Quantity.IMPORT_ENERGY_TOTAL);

        assertThat(exact).isEqualTo(123_450L);
        assertThat(rounded).isEqualTo(123_460L);
    }

    @Test
    void sunspec_roundTripWithNegativeScaleFactor() {
        SunSpecLayout layout =
                SunSpecLayout.build(50000, List.of(new SunSpecLayout.Model(1, 65), new SunSpecLayout.Model(203, 105)));
        RegisterMap sunspec = CATALOG.get("sunspec");
        List<Register> registers = sunspec.resolve(layout.models());
        int base = layout.models().base(203).orElseThrow();
        Map<Quantity, Long> values = Map.of(
                Quantity.IMPORT_ENERGY_TOTAL,
                1_234_567L,
                Quantity.EXPORT_ENERGY_TOTAL,
                89L,
                Quantity.VOLTAGE_L1,
                230_100L,
                Quantity.ACTIVE_POWER_TOTAL,
                -2_000L);

        RegisterImage image = RegisterEncoder.encode(
                layout.image(), sunspec, registers, values, Map.of(base + 54, -1, base + 15, -1, base + 22, 1));

        assertThat(image.read(FunctionCode.HOLDING, base + 46, 2))
                .containsExactly(0x00BC, 0x6146); // raw 12 345 670 x 10^-1 Wh
        assertThat(image.read(FunctionCode.HOLDING, base + 54, 1)).containsExactly(0xFFFF);
        assertThat(RegisterDecoder.decode(sunspec, registers, image).values()).containsAllEntriesOf(values);
    }

    @Test
    void valueTooLargeForTheType_isRefused() {
        SunSpecLayout layout = SunSpecLayout.build(40000, List.of(new SunSpecLayout.Model(203, 105)));
        RegisterMap sunspec = CATALOG.get("sunspec");

        assertThatThrownBy(() -> RegisterEncoder.encode(
                        layout.image(),
                        sunspec,
                        sunspec.resolve(layout.models()),
                        Map.of(Quantity.ACTIVE_POWER_TOTAL, 40_000L),
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ACTIVE_POWER_TOTAL value [40000] gives raw [40000], outside int16");
    }

    @Test
    void valueOnTheNotAvailableMarker_isRefused() {
        SunSpecLayout layout = SunSpecLayout.build(40000, List.of(new SunSpecLayout.Model(203, 105)));
        RegisterMap sunspec = CATALOG.get("sunspec");

        assertThatThrownBy(() -> RegisterEncoder.encode(
                        layout.image(),
                        sunspec,
                        sunspec.resolve(layout.models()),
                        Map.of(Quantity.IMPORT_ENERGY_TOTAL, 0L),
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-available marker [0x00000000]");
    }
}
