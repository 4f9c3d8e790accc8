package org.hausmeter.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.Test;

/** A meter's change to defective and back is told once per change, with the kind; the log lines name it. */
class MeterHealthTransitionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T09:00:00Z"));
    private final List<String> told = new ArrayList<>();
    private final MeterHealth health = new MeterHealth(
            "apt-0.1", clock, Duration.ofSeconds(10), Duration.ofMinutes(5), new MeterHealth.Transitions() {
                @Override
                public void defective(MeterHealth h, MeterHealth.Failure kind, int exceptionCode, String message) {
                    told.add(
                            "defective " + h.meter() + " " + MeterHealth.describe(kind, exceptionCode) + " " + message);
                }

                @Override
                public void recovered(MeterHealth h, int failedReads) {
                    told.add("recovered " + h.meter() + " after " + failedReads);
                }
            });

    @Test
    void defectiveAndRecovered_areToldOncePerChange_withTheKind() {
        health.failure(MeterHealth.Failure.TIMEOUT, 0, "t1");
        health.failure(MeterHealth.Failure.TIMEOUT, 0, "t2");
        assertThat(told).isEmpty();
        assertThat(health.lastFailureKind()).contains("TIMEOUT");
        health.failure(MeterHealth.Failure.EXCEPTION, 2, "x");
        health.failure(MeterHealth.Failure.CRC, 0, "c");
        health.failure(MeterHealth.Failure.TIMEOUT, 0, "t3");
        assertThat(told).containsExactly("defective apt-0.1 EXCEPTION 2 (illegal data address) x");
        assertThat(health.lastFailureKind()).contains("TIMEOUT");
        health.success();
        health.success();
        assertThat(told)
                .containsExactly("defective apt-0.1 EXCEPTION 2 (illegal data address) x", "recovered apt-0.1 after 5");
        assertThat(health.lastFailureKind()).isEmpty();
    }

    @Test
    void aMeterThatFailsLessThanThreeTimes_isNeverToldAsRecovered() {
        health.failure(MeterHealth.Failure.CRC, 0, "c");
        health.success();
        health.failure(MeterHealth.Failure.CRC, 0, "c");
        health.failure(MeterHealth.Failure.CRC, 0, "c");
        health.success();
        assertThat(told).isEmpty();
    }

    @Test
    void theFailuresOfAFakeBus_reachTheHealth_withTheirKinds() {
        FakeModbusBus bus = new FakeModbusBus("fake0", 300).setException(7, 6);
        for (int i = 0; i < 3; i++) {
            try {
                bus.readRegisters(7, FunctionCode.INPUT, 0, 2);
            } catch (ModbusFailure f) {
                health.failure(BusPoller.kind(f.kind()), f.exceptionCode().orElse(0), f.getMessage());
            }
        }
        assertThat(told)
                .singleElement()
                .asString()
                .startsWith("defective apt-0.1 EXCEPTION 6 (slave device busy) Bus [fake0]");
    }

    @Test
    void logLines_nameMeterBusUnitAndKind_andQuoteTheTransportsText() {
        assertThat(MeterHealthLog.defectiveLine(
                        "apt-0.1",
                        "rtu0",
                        3,
                        MeterHealth.Failure.TIMEOUT,
                        0,
                        "Bus [rtu0] unit [3] FC4 [0x0048]x4: timeout after [500] ms\nforged line"))
                .isEqualTo("Meter [apt-0.1] (bus [rtu0], unit 3) is defective: 3 failed reads in a row, last TIMEOUT: "
                        + "\"Bus [rtu0] unit [3] FC4 [0x0048]x4: timeout after [500] ms\\nforged line\"")
                .doesNotContain("\n");
        assertThat(MeterHealthLog.defectiveLine("pv", "pv-gw", 1, MeterHealth.Failure.EXCEPTION, 2, "x"))
                .contains("last EXCEPTION 2 (illegal data address)");
        assertThat(MeterHealthLog.defectiveLine("grid", "rtu0", 1, MeterHealth.Failure.CRC, 0, "x"))
                .contains("last CRC");
        assertThat(MeterHealthLog.recoveredLine("apt-0.1", "rtu0", 3, 7))
                .isEqualTo("Meter [apt-0.1] (bus [rtu0], unit 3) answers again after 7 failed reads");
    }
}
