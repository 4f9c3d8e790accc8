package org.hausmeter.bus.j2mod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.hausmeter.bus.FunctionCode;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.bus.SerialSettings;
import org.hausmeter.bus.SocatPtyPair;
import org.hausmeter.bus.sim.ModbusSlaveServer;
import org.junit.jupiter.api.Test;

/** J2modRtuBus against the simulated slaves through a socat pty pair, 19200 8E1. */
class J2modRtuBusTest extends BusContractTest {

    private SocatPtyPair pty;

    @Override
    ModbusBus connect(ModbusSlaveServer server, Duration timeout) throws Exception {
        pty = SocatPtyPair.start();
        server.startRtu(SerialSettings.rtu8E1(pty.slaveEnd(), 19200));
        return new J2modRtuBus("rtu0", SerialSettings.rtu8E1(pty.masterEnd(), 19200), timeout);
    }

    @Override
    ModbusFailure.Kind garbageKind() {
        return ModbusFailure.Kind.CRC;
    }

    @Override
    void afterClose() throws Exception {
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void manyReads_overThePty_stayInOrder() throws ModbusFailure {
        for (int i = 0; i < 50; i++) {
            bus.writeSingleRegister(1, 0x0010, i);
            assertThat(bus.readRegisters(1, FunctionCode.HOLDING, 0x0010, 1)).containsExactly(i);
        }
    }
}
