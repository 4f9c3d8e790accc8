package org.hausmeter.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FakeModbusBusTest {

    private final FakeModbusBus bus = new FakeModbusBus("fake0", 300)
            .withRegisters(12, FunctionCode.INPUT, 0x0048, 0x3F80, 0x0000, 0x4000, 0x0000)
            .withRegisters(12, FunctionCode.HOLDING, 0x0010, 7)
            .withCoils(3, 0, false, true);

    @Test
    void read_returnsScriptedWords() throws ModbusFailure {
        assertThat(bus.readRegisters(12, FunctionCode.INPUT, 0x0048, 4)).containsExactly(0x3F80, 0, 0x4000, 0);
    }

    @Test
    void read_unknownUnit_timesOutWithBracketedMessage() {
        assertThatThrownBy(() -> bus.readRegisters(13, FunctionCode.INPUT, 0x0048, 4))
                .isInstanceOfSatisfying(
                        ModbusFailure.class, f -> assertThat(f.kind()).isEqualTo(ModbusFailure.Kind.TIMEOUT))
                .hasMessage("Bus [fake0] unit [13] FC4 [0x0048]x4: timeout after [300] ms");
    }

    @Test
    void read_missingRegister_isIllegalDataAddress() {
        assertThatThrownBy(() -> bus.readRegisters(12, FunctionCode.INPUT, 0x0048, 5))
                .isInstanceOfSatisfying(ModbusFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ModbusFailure.Kind.EXCEPTION);
                    assertThat(f.exceptionCode()).hasValue(2);
                })
                .hasMessageContaining("exception [0x02] illegal data address");
    }

    @Test
    void failNext_isOneShot_thenStickyFault_thenClear() throws ModbusFailure {
        bus.failNext(12, ModbusFailure.Kind.CRC).setFault(12, ModbusFailure.Kind.GARBAGE);
        assertThatThrownBy(() -> bus.readRegisters(12, FunctionCode.HOLDING, 0x10, 1))
                .isInstanceOfSatisfying(
                        ModbusFailure.class, f -> assertThat(f.kind()).isEqualTo(ModbusFailure.Kind.CRC));
        assertThatThrownBy(() -> bus.readRegisters(12, FunctionCode.HOLDING, 0x10, 1))
                .isInstanceOfSatisfying(
                        ModbusFailure.class, f -> assertThat(f.kind()).isEqualTo(ModbusFailure.Kind.GARBAGE));
        bus.clearFault(12);
        assertThat(bus.readRegisters(12, FunctionCode.HOLDING, 0x10, 1)).containsExactly(7);
    }

    @Test
    void writes_changeState_andAreLogged() throws ModbusFailure {
        bus.writeSingleRegister(12, 0x10, 0xFFFF);
        bus.writeSingleCoil(3, 0, true);
        assertThat(bus.register(12, FunctionCode.HOLDING, 0x10)).isEqualTo(0xFFFF);
        assertThat(bus.readCoils(3, 0, 2)).containsExactly(true, true);
        assertThat(bus.requests()).extracting(BusRequest::functionCode).containsExactly(6, 5, 1);
        assertThat(bus.requests().get(0).describe()).isEqualTo("Bus [fake0] unit [12] FC6 [0x0010]=[65535]");
    }

    @Test
    void closedBus_failsWithIo() {
        bus.close();
        assertThatThrownBy(() -> bus.readCoils(3, 0, 1))
                .isInstanceOfSatisfying(
                        ModbusFailure.class, f -> assertThat(f.kind()).isEqualTo(ModbusFailure.Kind.IO));
    }

    @Test
    void outOfRangeArguments_areProgrammingErrors() {
        assertThatThrownBy(() -> bus.readRegisters(12, FunctionCode.INPUT, 0, 126))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.writeSingleRegister(12, 0x10, 0x10000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
