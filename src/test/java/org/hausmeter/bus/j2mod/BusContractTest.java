package org.hausmeter.bus.j2mod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.hausmeter.bus.FunctionCode;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.bus.sim.InMemoryUnit;
import org.hausmeter.bus.sim.ModbusSlaveServer;
import org.hausmeter.bus.sim.SlaveFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ModbusBus} contract against the simulated slave, run once per transport. Units:
 * 1 normal, 2 silent, 3 exception 4, 4 garbage, 5 normal.
 */
abstract class BusContractTest {

    static final Duration TIMEOUT = Duration.ofMillis(300);

    ModbusSlaveServer server;
    ModbusBus bus;
    final InMemoryUnit meter = new InMemoryUnit()
            .set(FunctionCode.INPUT, 0x0048, 0x3F80, 0x0000, 0xFFFF, 0x8000)
            .set(FunctionCode.HOLDING, 0x0010, 7, 8)
            .setCoils(0, false, true, false);

    /** Starts the transport's endpoint on {@link #server} and returns a master bus for it. */
    abstract ModbusBus connect(ModbusSlaveServer server, Duration timeout) throws Exception;

    /** What a broken reply maps to on this transport. */
    abstract ModbusFailure.Kind garbageKind();

    @BeforeEach
    void startServer() throws Exception {
        server = new ModbusSlaveServer(getClass().getSimpleName())
                .addUnit(1, meter)
                .addUnit(2, new InMemoryUnit())
                .setFault(2, SlaveFault.SILENT)
                .addUnit(3, meter)
                .setFault(3, SlaveFault.exception(4))
                .addUnit(4, meter)
                .setFault(4, SlaveFault.GARBAGE)
                .addUnit(5, new InMemoryUnit().set(FunctionCode.INPUT, 0, 42));
        bus = connect(server, TIMEOUT);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (bus != null) {
            bus.close();
        }
        if (server != null) {
            server.close();
        }
        afterClose();
    }

    /** Releases transport resources after bus and server are closed. */
    void afterClose() throws Exception {}

    @Test
    void readRegisters_returnsUnsignedWords() throws ModbusFailure {
        assertThat(bus.readRegisters(1, FunctionCode.INPUT, 0x0048, 4)).containsExactly(0x3F80, 0x0000, 0xFFFF, 0x8000);
        assertThat(bus.readRegisters(1, FunctionCode.HOLDING, 0x0010, 2)).containsExactly(7, 8);
    }

    @Test
    void writesAndCoils_reachTheSlave() throws ModbusFailure {
        bus.writeSingleRegister(1, 0x0011, 0xABCD);
        bus.writeSingleCoil(1, 2, true);
        assertThat(meter.get(FunctionCode.HOLDING, 0x0011)).isEqualTo(0xABCD);
        assertThat(bus.readCoils(1, 0, 3)).containsExactly(false, true, true);
    }

    /** One request, no retry (counted by the slave); the timeout was waited out (a lower bound only: load lengthens it). */
    @Test
    void silentUnit_costsOneTimeout_andNextUnitAnswers() throws ModbusFailure {
        long before = server.requestCount();
        long start = System.nanoTime();
        assertThatThrownBy(() -> bus.readRegisters(2, FunctionCode.INPUT, 0x0048, 4))
                .isInstanceOfSatisfying(
                        ModbusFailure.class, f -> assertThat(f.kind()).isEqualTo(ModbusFailure.Kind.TIMEOUT))
                .hasMessageEndingWith("unit [2] FC4 [0x0048]x4: timeout after [300] ms");
        long silentMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(server.requestCount() - before)
                .as("requests sent to the silent unit")
                .isEqualTo(1);
        assertThat(silentMillis).as("the timeout waited out").isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 10);

        assertThat(bus.readRegisters(5, FunctionCode.INPUT, 0, 1)).containsExactly(42);
        assertThat(server.requestCount() - before)
                .as("one more request for the next unit")
                .isEqualTo(2);
    }

    @Test
    void exceptionResponse_mapsToExceptionWithCode() {
        assertThatThrownBy(() -> bus.readRegisters(3, FunctionCode.INPUT, 0x0048, 4))
                .isInstanceOfSatisfying(ModbusFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(ModbusFailure.Kind.EXCEPTION);
                    assertThat(f.exceptionCode()).hasValue(4);
                })
                .hasMessageContaining("exception [0x04] slave device failure");
    }

    @Test
    void unmappedRegister_isIllegalDataAddress_andBusStaysUsable() throws ModbusFailure {
        assertThatThrownBy(() -> bus.readRegisters(1, FunctionCode.INPUT, 0x0100, 2))
                .isInstanceOfSatisfying(
                        ModbusFailure.class, f -> assertThat(f.exceptionCode()).hasValue(2));
        assertThat(bus.readRegisters(1, FunctionCode.HOLDING, 0x0010, 1)).containsExactly(7);
    }

    @Test
    void brokenReply_mapsToTransportsGarbageKind_andBusRecovers() throws ModbusFailure {
        assertThatThrownBy(() -> bus.readRegisters(4, FunctionCode.INPUT, 0x0048, 4))
                .isInstanceOfSatisfying(
                        ModbusFailure.class, f -> assertThat(f.kind()).isEqualTo(garbageKind()));
        assertThat(bus.readRegisters(1, FunctionCode.HOLDING, 0x0010, 1)).containsExactly(7);
    }

    @Test
    void closedBus_failsWithIo() {
        bus.close();
        assertThatThrownBy(() -> bus.readRegisters(1, FunctionCode.INPUT, 0x0048, 1))
                .isInstanceOfSatisfying(
                        ModbusFailure.class, f -> assertThat(f.kind()).isEqualTo(ModbusFailure.Kind.IO));
    }
}
