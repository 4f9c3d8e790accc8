package org.hausmeter.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadPlannerTest {

    static final org.hausmeter.bus.config.RegisterMapCatalog CATALOG = RegisterDecoderTest.CATALOG;

    @Test
    void sdmImportAndExport_oneFourRegisterRead() {
        RegisterMap sdm = CATALOG.get("eastron-sdm630");
        List<Register> energy = List.of(
                sdm.register(Quantity.IMPORT_ENERGY_TOTAL).orElseThrow(),
                sdm.register(Quantity.EXPORT_ENERGY_TOTAL).orElseThrow());

        assertThat(ReadPlanner.plan(energy, 0, 125))
                .extracting(ReadRequest::function, ReadRequest::start, ReadRequest::count)
                .containsExactly(tuple(FunctionCode.INPUT, 0x0048, 4));
    }

    @Test
    void sdm630_wholeMap_gapDecidesTheNumberOfReads() {
        RegisterMap sdm = CATALOG.get("eastron-sdm630");

        // 0x0000-0x0005 V, 0x000C-0x0011 P: gap 6; 0x0034: gap 34; 0x0048: gap 18
        assertThat(ReadPlanner.plan(sdm, 0))
                .extracting(ReadRequest::start, ReadRequest::count)
                .containsExactly(tuple(0x0000, 6), tuple(0x000C, 6), tuple(0x0034, 2), tuple(0x0048, 4));
        assertThat(ReadPlanner.plan(sdm, 20))
                .extracting(ReadRequest::start, ReadRequest::count)
                .containsExactly(tuple(0x0000, 0x12), tuple(0x0034, 0x18));
        assertThat(ReadPlanner.plan(sdm, 100))
                .extracting(ReadRequest::start, ReadRequest::count)
                .containsExactly(tuple(0x0000, 0x4C));
    }

    @Test
    void eastronReadLimitOf80Registers_splitsTheRead() {
        RegisterMap sdm = CATALOG.get("eastron-sdm630");

        assertThat(ReadPlanner.plan(sdm.registers(), 100, 40))
                .extracting(ReadRequest::start, ReadRequest::count)
                .containsExactly(tuple(0x0000, 0x12), tuple(0x0034, 0x18));
    }

    @Test
    void abbEnergy_oneEightRegisterRead_powerSeparately() {
        RegisterMap abb = CATALOG.get("abb-b23");

        assertThat(ReadPlanner.plan(abb, 4))
                .extracting(ReadRequest::function, ReadRequest::start, ReadRequest::count)
                .containsExactly(
                        tuple(FunctionCode.HOLDING, 0x5000, 8),
                        tuple(FunctionCode.HOLDING, 0x5B00, 6),
                        tuple(FunctionCode.HOLDING, 0x5B14, 8));
    }

    @Test
    void em24ImportAndExportAreNotContiguous() {
        RegisterMap em24 = CATALOG.get("carlo-gavazzi-em24");
        List<Register> energy = List.of(
                em24.register(Quantity.IMPORT_ENERGY_TOTAL).orElseThrow(),
                em24.register(Quantity.EXPORT_ENERGY_TOTAL).orElseThrow());

        assertThat(ReadPlanner.plan(energy, 10, 125)).hasSize(2);
        assertThat(ReadPlanner.plan(energy, 24, 125))
                .extracting(ReadRequest::start, ReadRequest::count)
                .containsExactly(tuple(0x0042, 28));
    }

    @Test
    void sunspecMeter_energyAndScaleFactorInOneSeventeenRegisterRead() {
        SunSpecLayout layout =
                SunSpecLayout.build(40000, List.of(new SunSpecLayout.Model(1, 66), new SunSpecLayout.Model(203, 105)));
        int base = layout.models().base(203).orElseThrow();
        List<Register> energy = CATALOG.get("sunspec").resolve(layout.models()).stream()
                .filter(r ->
                        r.quantity() == Quantity.IMPORT_ENERGY_TOTAL || r.quantity() == Quantity.EXPORT_ENERGY_TOTAL)
                .toList();

        List<ReadRequest> plan = ReadPlanner.plan(energy, 8, 125);

        assertThat(plan).extracting(ReadRequest::start, ReadRequest::count).containsExactly(tuple(base + 38, 17));
        assertThat(plan.get(0).registers()).hasSize(2);
    }

    @Test
    void scaleFactorOutsideGap_getsItsOwnRead() {
        SunSpecLayout layout = SunSpecLayout.build(40000, List.of(new SunSpecLayout.Model(203, 105)));
        int base = layout.models().base(203).orElseThrow();
        List<Register> power = CATALOG.get("sunspec").resolve(layout.models()).stream()
                .filter(r -> r.quantity() == Quantity.ACTIVE_POWER_TOTAL)
                .toList();

        assertThat(ReadPlanner.plan(power, 0, 125))
                .extracting(ReadRequest::start, ReadRequest::count)
                .containsExactly(tuple(base + 18, 1), tuple(base + 22, 1));
        assertThat(ReadPlanner.plan(power, 3, 125))
                .extracting(ReadRequest::start, ReadRequest::count)
                .containsExactly(tuple(base + 18, 5));
    }

    @Test
    void inputAndHoldingNeverShareARead() {
        Register input = new Register(
                Quantity.IMPORT_ENERGY_TOTAL,
                FunctionCode.INPUT,
                10,
                RegisterType.UINT32,
                WordOrder.MSW_FIRST,
                1,
                1,
                "Wh",
                null,
                false,
                List.of(),
                "test",
                0);
        Register holding = new Register(
                Quantity.EXPORT_ENERGY_TOTAL,
                FunctionCode.HOLDING,
                12,
                RegisterType.UINT32,
                WordOrder.MSW_FIRST,
                1,
                1,
                "Wh",
                null,
                false,
                List.of(),
                "test",
                0);

        assertThat(ReadPlanner.plan(List.of(holding, input), 10, 125))
                .extracting(ReadRequest::function, ReadRequest::start, ReadRequest::count)
                .containsExactly(tuple(FunctionCode.HOLDING, 12, 2), tuple(FunctionCode.INPUT, 10, 2));
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> ReadPlanner.plan(List.of(), -1, 125)).hasMessage("maxGap [-1] is negative");
        assertThatThrownBy(() -> ReadPlanner.plan(List.of(), 0, 126))
                .hasMessage("maxRegisters [126] is outside 1..125");
    }
}
