package org.hausmeter.bus.j2mod;

import java.time.Duration;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.bus.sim.ModbusSlaveServer;

class J2modRtuOverTcpBusTest extends BusContractTest {

    @Override
    ModbusBus connect(ModbusSlaveServer server, Duration timeout) throws Exception {
        return J2modTcpBus.rtuOverTcp("rtutcp0", "127.0.0.1", server.startRtuOverTcp(), timeout);
    }

    @Override
    ModbusFailure.Kind garbageKind() {
        return ModbusFailure.Kind.CRC;
    }
}
