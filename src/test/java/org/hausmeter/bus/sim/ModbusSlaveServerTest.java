package org.hausmeter.bus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hausmeter.bus.FunctionCode;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.RtuTiming;
import org.hausmeter.bus.j2mod.J2modTcpBus;
import org.junit.jupiter.api.Test;

class ModbusSlaveServerTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void rtuTimedDelay_isSpentHoldingTheBus_soParallelMastersQueue() throws Exception {
        try (ModbusSlaveServer server = new ModbusSlaveServer("queue")
                .addUnit(1, new InMemoryUnit().set(FunctionCode.INPUT, 0, 1, 2, 3, 4))
                .setReplyDelay(ReplyDelay.fixed(Duration.ofMillis(30)))) {
            int port = server.startTcp();
            List<ModbusBus> masters = List.of(
                    J2modTcpBus.modbusTcp("a", "127.0.0.1", port, TIMEOUT),
                    J2modTcpBus.modbusTcp("b", "127.0.0.1", port, TIMEOUT),
                    J2modTcpBus.modbusTcp("c", "127.0.0.1", port, TIMEOUT));
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                long start = System.nanoTime();
                List<Future<int[]>> replies = new ArrayList<>();
                for (ModbusBus master : masters) {
                    replies.add(pool.submit(() -> master.readRegisters(1, FunctionCode.INPUT, 0, 4)));
                }
                for (Future<int[]> reply : replies) {
                    assertThat(reply.get()).containsExactly(1, 2, 3, 4);
                }
                assertThat((System.nanoTime() - start) / 1_000_000)
                        .as("3 × 30 ms on one bus")
                        .isGreaterThanOrEqualTo(90);
            } finally {
                pool.shutdownNow();
                masters.forEach(ModbusBus::close);
            }
        }
    }

    @Test
    void rtuTimedDelay_usesRtuFrameSizes() {
        ReplyDelay delay = ReplyDelay.rtuTimed(RtuTiming.of(9600), Duration.ofMillis(20));
        // FC04 x4: request 8 bytes, response 13 bytes: 24.06 ms wire + 4.01 ms t3.5 + 20 ms
        assertThat(delay.delay(8, 13).toNanos() / 1e6).isBetween(48.07, 48.08);
    }

    @Test
    void faultCanBeClearedAtRuntime() throws Exception {
        try (ModbusSlaveServer server = new ModbusSlaveServer("flip")
                        .addUnit(7, new InMemoryUnit().set(FunctionCode.HOLDING, 0, 99))
                        .setFault(7, SlaveFault.exception(6));
                ModbusBus bus = J2modTcpBus.modbusTcp("flip", "127.0.0.1", server.startTcp(), TIMEOUT)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> bus.readRegisters(7, FunctionCode.HOLDING, 0, 1))
                    .hasMessageContaining("exception [0x06] slave device busy");
            server.setFault(7, SlaveFault.NONE);
            assertThat(bus.readRegisters(7, FunctionCode.HOLDING, 0, 1)).containsExactly(99);
        }
    }
}
