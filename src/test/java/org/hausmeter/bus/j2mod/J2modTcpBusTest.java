package org.hausmeter.bus.j2mod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.hausmeter.bus.FunctionCode;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.bus.RtuTiming;
import org.hausmeter.bus.sim.ModbusSlaveServer;
import org.hausmeter.bus.sim.ReplyDelay;
import org.junit.jupiter.api.Test;

class J2modTcpBusTest extends BusContractTest {

    @Override
    ModbusBus connect(ModbusSlaveServer server, Duration timeout) throws Exception {
        return J2modTcpBus.modbusTcp("tcp0", "127.0.0.1", server.startTcp(), timeout);
    }

    @Override
    ModbusFailure.Kind garbageKind() {
        return ModbusFailure.Kind.GARBAGE;
    }

    @Test
    void refusedConnection_isIo() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (ModbusBus dead = J2modTcpBus.modbusTcp("dead", "127.0.0.1", port, TIMEOUT)) {
            assertThatThrownBy(() -> dead.readRegisters(1, FunctionCode.INPUT, 0, 1))
                    .isInstanceOfSatisfying(ModbusFailure.class, f -> assertThat(f.kind()).isEqualTo(ModbusFailure.Kind.IO))
                    .hasMessageStartingWith("Bus [dead] unit [1] FC4 [0x0000]x1: I/O failure [cannot connect");
        }
    }

    @Test
    void rtuTimedServer_delaysRepliesByWireTimePlusTurnaround() throws Exception {
        server.setReplyDelay(ReplyDelay.rtuTimed(RtuTiming.of(9600), Duration.ofMillis(20)));
        bus.readRegisters(1, FunctionCode.INPUT, 0x0048, 4);
        int reads = 10;
        long start = System.nanoTime();
        for (int i = 0; i < reads; i++) {
            bus.readRegisters(1, FunctionCode.INPUT, 0x0048, 4);
        }
        double perRead = (System.nanoTime() - start) / 1e6 / reads;
        // 21 bytes × 1.1458 ms + one t3.5 (4.01 ms) + 20 ms = 48.07 ms
        assertThat(perRead).isBetween(48.0, 56.0);
    }

    @Test
    void minimumPause_isKeptBetweenRequests() throws Exception {
        int port = server.startTcp();
        try (ModbusBus paced = new J2modTcpBus("paced", "127.0.0.1", port, J2modTcpBus.Framing.MBAP, TIMEOUT, Duration.ofMillis(40))) {
            paced.readRegisters(1, FunctionCode.INPUT, 0x0048, 1);
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                paced.readRegisters(1, FunctionCode.INPUT, 0x0048, 1);
            }
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(200L, 400L);
        }
    }
}
