package org.hausmeter.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.hausmeter.bus.config.RegisterMapCatalog;
import org.junit.jupiter.api.Test;

/** Raw words in, canonical longs out, with the shipped model files. One commented line per register. */
class RegisterDecoderTest {

    static final RegisterMapCatalog CATALOG = RegisterMapCatalog.load(Path.of("modbus-bus-config/models"));

    @Test
    void eastronFloat32MswFirst_importExportInOneBlock() {
        DecodeResult result =
                RegisterDecoder.decodeBlock(CATALOG.get("eastron-sdm630"), FunctionCode.INPUT, 0x0048, new int[] {
                    0x4479, 0xC000, // IMPORT_ENERGY_TOTAL 999.0 kWh
                    0x4348, 0x0000, // EXPORT_ENERGY_TOTAL 200.0 kWh
                });

        assertThat(result.faults()).isEmpty();
        assertThat(result.require(Quantity.IMPORT_ENERGY_TOTAL)).isEqualTo(999_000L);
        assertThat(result.require(Quantity.EXPORT_ENERGY_TOTAL)).isEqualTo(200_000L);
    }

    @Test
    void eastronFloat32_kWhRoundedOnceToWh() {
        DecodeResult result =
                RegisterDecoder.decodeBlock(CATALOG.get("eastron-sdm120"), FunctionCode.INPUT, 0x0048, new int[] {
                    0x4145, 0x8794, // IMPORT_ENERGY_TOTAL 12.3456 kWh (float 12.34560013) -> 12 345.6 Wh
                    0x44BB, 0x8800, // EXPORT_ENERGY_TOTAL 1500.25 kWh
                });

        assertThat(result.require(Quantity.IMPORT_ENERGY_TOTAL)).isEqualTo(12_346L);
        assertThat(result.require(Quantity.EXPORT_ENERGY_TOTAL)).isEqualTo(1_500_250L);
    }

    @Test
    void eastronFloat32_voltageToMillivolts_andHalfWattRoundsTowardsPositiveInfinity() {
        RegisterMap sdm630 = CATALOG.get("eastron-sdm630");
        DecodeResult voltage = RegisterDecoder.decodeBlock(sdm630, FunctionCode.INPUT, 0x0000, new int[] {
            0x4366, 0x199A, // VOLTAGE_L1 230.1 V
            0x0000, 0x0000, // VOLTAGE_L2 0.0 V (phase not connected)
            0x4366, 0x199A, // VOLTAGE_L3 230.1 V
        });
        DecodeResult power = RegisterDecoder.decodeBlock(sdm630, FunctionCode.INPUT, 0x000C, new int[] {
            0x3F00, 0x0000, // ACTIVE_POWER_L1 0.5 W -> 1
            0xBF00, 0x0000, // ACTIVE_POWER_L2 -0.5 W -> 0 (Math.round)
            0xC020, 0x0000, // ACTIVE_POWER_L3 -2.5 W -> -2
        });

        assertThat(voltage.values())
                .containsEntry(Quantity.VOLTAGE_L1, 230_100L)
                .containsEntry(Quantity.VOLTAGE_L2, 0L)
                .containsEntry(Quantity.VOLTAGE_L3, 230_100L);
        assertThat(power.values())
                .containsEntry(Quantity.ACTIVE_POWER_L1, 1L)
                .containsEntry(Quantity.ACTIVE_POWER_L2, 0L)
                .containsEntry(Quantity.ACTIVE_POWER_L3, -2L);
    }

    @Test
    void eastronNaN_isATypedFault_neverZero() {
        DecodeResult result =
                RegisterDecoder.decodeBlock(CATALOG.get("eastron-sdm630"), FunctionCode.INPUT, 0x0048, new int[] {
                    0x7FC0, 0x0000, // IMPORT_ENERGY_TOTAL NaN
                    0xC2C8, 0x0000, // EXPORT_ENERGY_TOTAL -100.0 kWh, a counter cannot be negative
                });

        assertThat(result.values()).isEmpty();
        assertThat(result.faults())
                .extracting(RegisterFault::quantity, RegisterFault::address, RegisterFault::kind)
                .containsExactly(
                        tuple(Quantity.IMPORT_ENERGY_TOTAL, 0x0048, RegisterFault.Kind.NAN),
                        tuple(Quantity.EXPORT_ENERGY_TOTAL, 0x004A, RegisterFault.Kind.IMPLAUSIBLE));
        assertThatThrownBy(() -> result.require(Quantity.IMPORT_ENERGY_TOTAL))
                .isInstanceOf(RegisterDecodeException.class)
                .hasMessage(
                        "meter model [eastron-sdm630] register [0x0048] IMPORT_ENERGY_TOTAL returned NaN [0x7FC00000]");
    }

    @Test
    void abbUint64DividedBy100_toWh() {
        DecodeResult result =
                RegisterDecoder.decodeBlock(CATALOG.get("abb-b23"), FunctionCode.HOLDING, 0x5000, new int[] {
                    0x0000, 0x0000, 0x0001, 0xE240, // IMPORT_ENERGY_TOTAL raw 123456 = 1234.56 kWh
                    0x0000, 0x0000, 0x0000, 0x03E8, // EXPORT_ENERGY_TOTAL raw 1000 = 10.00 kWh
                });

        assertThat(result.require(Quantity.IMPORT_ENERGY_TOTAL)).isEqualTo(1_234_560L);
        assertThat(result.require(Quantity.EXPORT_ENERGY_TOTAL)).isEqualTo(10_000L);
    }

    @Test
    void abbNotAvailableMarker_isAFault() {
        DecodeResult result =
                RegisterDecoder.decodeBlock(CATALOG.get("abb-b23"), FunctionCode.HOLDING, 0x5000, new int[] {
                    0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, // IMPORT_ENERGY_TOTAL not available
                    0x0000, 0x0000, 0x0000, 0x0000, // EXPORT_ENERGY_TOTAL 0.00 kWh
                });

        assertThat(result.faults()).extracting(RegisterFault::kind).containsExactly(RegisterFault.Kind.NOT_AVAILABLE);
        assertThat(result.values()).containsExactly(java.util.Map.entry(Quantity.EXPORT_ENERGY_TOTAL, 0L));
    }

    @Test
    void abbInt32DividedBy100_signedPower() {
        DecodeResult result =
                RegisterDecoder.decodeBlock(CATALOG.get("abb-b23"), FunctionCode.HOLDING, 0x5B14, new int[] {
                    0xFFFF, 0xCFC7, // ACTIVE_POWER_TOTAL raw -12345 = -123.45 W -> -123
                    0x0000, 0x0032, // ACTIVE_POWER_L1 raw 50 = 0.50 W -> 1
                    0xFFFF, 0xFFCE, // ACTIVE_POWER_L2 raw -50 = -0.50 W -> 0
                    0x7FFF, 0xFFFF, // ACTIVE_POWER_L3 not available
                });

        assertThat(result.values())
                .containsEntry(Quantity.ACTIVE_POWER_TOTAL, -123L)
                .containsEntry(Quantity.ACTIVE_POWER_L1, 1L)
                .containsEntry(Quantity.ACTIVE_POWER_L2, 0L);
        assertThat(result.faults()).extracting(RegisterFault::quantity).containsExactly(Quantity.ACTIVE_POWER_L3);
    }

    @Test
    void em24Int32LswFirstDividedBy10() {
        RegisterMap em24 = CATALOG.get("carlo-gavazzi-em24");
        DecodeResult energy = RegisterDecoder.decodeBlock(em24, FunctionCode.INPUT, 0x0042, new int[] {
            0xE240, 0x0001, // IMPORT_ENERGY_TOTAL raw 123456 (low word first) = 12345.6 kWh
        });
        DecodeResult power = RegisterDecoder.decodeBlock(em24, FunctionCode.INPUT, 0x0028, new int[] {
            0xFB2E, 0xFFFF, // ACTIVE_POWER_TOTAL raw -1234 (low word first) = -123.4 W
        });

        assertThat(energy.require(Quantity.IMPORT_ENERGY_TOTAL)).isEqualTo(12_345_600L);
        assertThat(power.require(Quantity.ACTIVE_POWER_TOTAL)).isEqualTo(-123L);
    }

    @Test
    void blockCoveringHalfARegister_reportsNotRead() {
        DecodeResult result =
                RegisterDecoder.decodeBlock(CATALOG.get("carlo-gavazzi-em24"), FunctionCode.INPUT, 0x0043, new int[] {
                    0x0001, // high word of IMPORT_ENERGY_TOTAL only
                });

        assertThat(result.faults()).extracting(RegisterFault::kind).containsExactly(RegisterFault.Kind.NOT_READ);
    }

    @Test
    void sunspecMeter203_acc32WithNegativeScaleFactor() {
        SunSpecLayout layout =
                SunSpecLayout.build(40000, List.of(new SunSpecLayout.Model(1, 66), new SunSpecLayout.Model(203, 105)));
        int base = layout.models().base(203).orElseThrow();
        RegisterMap sunspec = CATALOG.get("sunspec");
        List<Register> registers = sunspec.resolve(layout.models());
        RegisterImage image = layout.image().with(FunctionCode.HOLDING, base + 38, new int[] {
            0x0012, 0xD687, // 38 TotWhExp acc32 raw 1234567
            0x0000, 0x0000, // 40 TotWhExpPhA (not mapped)
            0x0000, 0x0000, // 42 TotWhExpPhB
            0x0000, 0x0000, // 44 TotWhExpPhC
            0x00BC, 0x614E, // 46 TotWhImp acc32 raw 12345678
            0x0000, 0x0000, // 48 TotWhImpPhA
            0x0000, 0x0000, // 50 TotWhImpPhB
            0x0000, 0x0000, // 52 TotWhImpPhC
            0xFFFF, // 54 TotWh_SF = -1
        });

        DecodeResult result = RegisterDecoder.decode(sunspec, registers, image);

        assertThat(base).isEqualTo(40070);
        assertThat(result.require(Quantity.EXPORT_ENERGY_TOTAL)).isEqualTo(123_457L); // 123 456.7 Wh
        assertThat(result.require(Quantity.IMPORT_ENERGY_TOTAL)).isEqualTo(1_234_568L); // 1 234 567.8 Wh
    }

    @Test
    void sunspecInverter_powerInvertedToImportPositive_voltageScaled() {
        SunSpecLayout layout =
                SunSpecLayout.build(0, List.of(new SunSpecLayout.Model(1, 65), new SunSpecLayout.Model(103, 50)));
        int base = layout.models().base(103).orElseThrow();
        RegisterMap sunspec = CATALOG.get("sunspec");
        RegisterImage image = layout.image()
                .with(FunctionCode.HOLDING, base + 10, new int[] {
                    0x08FD, // 10 PhVphA raw 2301
                    0x08FC, // 11 PhVphB raw 2300
                    0x0901, // 12 PhVphC raw 2305
                    0xFFFF, // 13 V_SF = -1
                    0x10E1, // 14 W raw 4321 (producing)
                    0x0000, // 15 W_SF = 0
                })
                .with(FunctionCode.HOLDING, base + 24, new int[] {
                    0x0000, 0x0000, // 24 WH acc32 0 = not accumulated
                    0x0000, // 26 WH_SF = 0
                });

        DecodeResult result = RegisterDecoder.decode(sunspec, sunspec.resolve(layout.models()), image);

        assertThat(result.values())
                .containsEntry(Quantity.ACTIVE_POWER_TOTAL, -4_321L)
                .containsEntry(Quantity.VOLTAGE_L1, 230_100L)
                .containsEntry(Quantity.VOLTAGE_L2, 230_000L)
                .containsEntry(Quantity.VOLTAGE_L3, 230_500L);
        assertThat(result.faults())
                .extracting(RegisterFault::quantity, RegisterFault::kind)
                .containsExactly(tuple(Quantity.EXPORT_ENERGY_TOTAL, RegisterFault.Kind.NOT_AVAILABLE));
    }

    @Test
    void sunspecScaleFactorNotImplemented_isAFault() {
        SunSpecLayout layout = SunSpecLayout.build(40000, List.of(new SunSpecLayout.Model(203, 105)));
        int base = layout.models().base(203).orElseThrow();
        RegisterMap sunspec = CATALOG.get("sunspec");
        RegisterImage image = layout.image()
                .with(FunctionCode.HOLDING, base + 18, 0x0064) // 18 W raw 100
                .with(FunctionCode.HOLDING, base + 22, 0x8000); // 22 W_SF not implemented

        DecodeResult result = RegisterDecoder.decode(sunspec, sunspec.resolve(layout.models()), image);

        assertThat(result.faults())
                .filteredOn(f -> f.quantity() == Quantity.ACTIVE_POWER_TOTAL)
                .extracting(RegisterFault::kind)
                .containsExactly(RegisterFault.Kind.NOT_AVAILABLE);
    }
}
