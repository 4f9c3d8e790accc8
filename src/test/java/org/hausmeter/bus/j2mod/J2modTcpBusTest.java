package org.hausmeter.bus.j2mod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
                    .isInstanceOfSatisfying(
                            ModbusFailure.class, f -> assertThat(f.kind()).isEqualTo(ModbusFailure.Kind.IO))
                    .hasMessageStartingWith("Bus [dead] unit [1] FC4 [0x0000]x1: I/O failure [cannot connect");
        }
    }

    /**
     * The simulator sizes its delay by RTU frames also behind Modbus TCP, and spends it before replying. Only a
     * lower bound on wall time (load can only lengthen it); the master's overhead on top is the bus benchmark's
     * {@code cycle_ratio}.
     */
    @Test
    void rtuTimedServer_delaysRepliesByWireTimePlusTurnaround() throws Exception {
        ReplyDelay rtuTimed = ReplyDelay.rtuTimed(RtuTiming.of(9600), Duration.ofMillis(20));
        List<String> frames = new CopyOnWriteArrayList<>();
        server.setReplyDelay((requestBytes, responseBytes) -> {
            frames.add(requestBytes + "/" + responseBytes);
            return rtuTimed.delay(requestBytes, responseBytes);
        });
        bus.readRegisters(1, FunctionCode.INPUT, 0x0048, 4);
        int reads = 10;
        long start = System.nanoTime();
        for (int i = 0; i < reads; i++) {
            assertThat(bus.readRegisters(1, FunctionCode.INPUT, 0x0048, 4))
                    .containsExactly(0x3F80, 0x0000, 0xFFFF, 0x8000);
        }
        long elapsedNanos = System.nanoTime() - start;
        // FC04 x4 as RTU frames: request 8 bytes, response 13 bytes
        assertThat(frames).hasSize(reads + 1).containsOnly("8/13");
        // 21 bytes × 1.1458 ms + one t3.5 (4.01 ms) + 20 ms = 48.07 ms
        Duration perRead = rtuTimed.delay(8, 13);
        assertThat(perRead.toNanos() / 1e6).isCloseTo(48.07, within(0.01));
        assertThat(elapsedNanos)
                .as("each reply waited for its delay")
                .isGreaterThanOrEqualTo(reads * perRead.toNanos());
    }

    /** Lower bound only: the pauses are kept, however slow the machine (what a paced bus costs is the bus benchmark's). */
    @Test
    void minimumPause_isKeptBetweenRequests() throws Exception {
        int port = server.startTcp();
        Duration pause = Duration.ofMillis(40);
        try (ModbusBus paced = new J2modTcpBus("paced", "127.0.0.1", port, J2modTcpBus.Framing.MBAP, TIMEOUT, pause)) {
            long before = server.requestCount();
            paced.readRegisters(1, FunctionCode.INPUT, 0x0048, 1);
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertThat(paced.readRegisters(1, FunctionCode.INPUT, 0x0048, 1))
                        .containsExactly(0x3F80);
            }
            long elapsedNanos = System.nanoTime() - start;
            assertThat(server.requestCount() - before).isEqualTo(6);
            // The first read of the loop may find its pause over already; the four between the loop's reads are whole.
            assertThat(elapsedNanos).isGreaterThanOrEqualTo(4 * pause.toNanos());
        }
    }
}
