package org.hausmeter.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SunSpecWalkerTest {

    @Test
    void markerAt40000_modelOneWithLength65_shiftsTheNextBlock() {
        SunSpecLayout layout = SunSpecLayout.build(
                40000,
                List.of(
                        new SunSpecLayout.Model(1, 65),
                        new SunSpecLayout.Model(103, 50),
                        new SunSpecLayout.Model(203, 105)));

        SunSpecModels models = SunSpecWalker.walk(reader(layout.image()));

        assertThat(models.markerAddress()).isEqualTo(40000);
        assertThat(models.blocks())
                .extracting(SunSpecModels.Block::id, SunSpecModels.Block::address, SunSpecModels.Block::length)
                .containsExactly(tuple(1, 40002, 65), tuple(103, 40069, 50), tuple(203, 40121, 105));
        assertThat(models.inverter()).map(SunSpecModels.Block::id).contains(103);
        assertThat(models.meter()).map(SunSpecModels.Block::id).contains(203);
    }

    @Test
    void markerAt50000_whenNothingAt40000() {
        SunSpecLayout layout =
                SunSpecLayout.build(50000, List.of(new SunSpecLayout.Model(1, 66), new SunSpecLayout.Model(101, 50)));

        SunSpecModels models = SunSpecWalker.walk(reader(layout.image()));

        assertThat(models.markerAddress()).isEqualTo(50000);
        assertThat(models.base(101)).contains(50070);
    }

    @Test
    void markerAt0_whenHigherAddressesAnswerWithZeros() {
        SunSpecLayout layout =
                SunSpecLayout.build(0, List.of(new SunSpecLayout.Model(1, 66), new SunSpecLayout.Model(203, 105)));
        RegisterImage image = layout.image()
                .with(FunctionCode.HOLDING, 40000, new int[] {0, 0})
                .with(FunctionCode.HOLDING, 50000, new int[] {0, 0});

        assertThat(SunSpecWalker.walk(reader(image)).base(203)).contains(70);
    }

    @Test
    void noMarker_failsWithTheReadErrorsAttached() {
        List<Integer> tried = new ArrayList<>();
        SunSpecWalker.HoldingReader silent = (address, count) -> {
            tried.add(address);
            throw new IllegalStateException("exception 2 at " + address);
        };

        assertThatThrownBy(() -> SunSpecWalker.walk(silent))
                .isInstanceOf(SunSpecException.class)
                .hasMessage("no SunSpec marker [SunS] at 40000, 50000 or 0")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(3));
        assertThat(tried).containsExactly(40000, 50000, 0);
    }

    @Test
    void blockShorterThanTheMapNeeds_isRefused() {
        SunSpecLayout layout = SunSpecLayout.build(40000, List.of(new SunSpecLayout.Model(203, 40)));
        RegisterMap sunspec = RegisterDecoderTest.CATALOG.get("sunspec");

        assertThatThrownBy(() -> sunspec.resolve(layout.models()))
                .isInstanceOf(SunSpecException.class)
                .hasMessageContaining("model [203] at [40002] has length [40], too short for offset [54]");
    }

    @Test
    void deviceWithoutAnyMappedModel_isRefused() {
        SunSpecLayout layout =
                SunSpecLayout.build(40000, List.of(new SunSpecLayout.Model(1, 66), new SunSpecLayout.Model(113, 60)));

        assertThatThrownBy(() -> RegisterDecoderTest.CATALOG.get("sunspec").resolve(layout.models()))
                .isInstanceOf(SunSpecException.class)
                .hasMessage("device has none of the SunSpec models of [sunspec]; found [1, 113]");
    }

    @Test
    void inverterWithMeter_readsTheInverterUnlessTheMeterIsAskedFor() {
        SunSpecLayout layout = SunSpecLayout.build(
                40000,
                List.of(
                        new SunSpecLayout.Model(1, 66),
                        new SunSpecLayout.Model(103, 50),
                        new SunSpecLayout.Model(203, 105)));
        RegisterMap sunspec = RegisterDecoderTest.CATALOG.get("sunspec");

        assertThat(sunspec.resolve(layout.models()))
                .extracting(Register::sunspecModels)
                .containsOnly(List.of(103));
        assertThat(sunspec.resolve(layout.models(), 203))
                .extracting(Register::sunspecModels)
                .containsOnly(List.of(203));
        assertThat(sunspec.resolve(layout.models(), 203))
                .extracting(Register::quantity)
                .contains(Quantity.IMPORT_ENERGY_TOTAL);
    }

    private static SunSpecWalker.HoldingReader reader(RegisterImage image) {
        return (address, count) -> image.read(FunctionCode.HOLDING, address, count);
    }
}
