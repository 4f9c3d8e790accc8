package org.hausmeter.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.hausmeter.support.TestTime;
import org.junit.jupiter.api.Test;

/** {@code read-now BUILDING-FILE}: every meter of the building file read once, without the server. */
class ReadNowCommandTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void readNow_ofTheSimulatedDemoBuilding_printsEveryMetersCounters() throws Exception {
        int code = Commands.readNow(
                out, TestTime.fixed(), "read-now", "modbus-bus-config/demo-building.yaml", "--simulated");
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        assertThat(printed)
                .contains("17 of 17 meter(s) answered. Nothing stored.")
                .containsPattern("grid +rtu0 +30 +abb-b23 +\\d+\\.\\d{3} +\\d+\\.\\d{3} +\\d+ +ok")
                .containsPattern("charger-2 +garage +2 ");
    }

    @Test
    void readNow_ofOneBus_andItsMistakes() throws Exception {
        assertThat(Commands.readNow(
                        out,
                        TestTime.fixed(),
                        "read-now",
                        "modbus-bus-config/demo-building.yaml",
                        "--simulated",
                        "--bus",
                        "pv-gw"))
                .isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("1 of 1 meter(s) answered.");
        assertThat(Commands.readNow(out, TestTime.fixed(), "read-now")).isEqualTo(2);
        assertThat(Commands.readNow(
                        out, TestTime.fixed(), "read-now", "modbus-bus-config/demo-building.yaml", "--bus", "nope"))
                .isEqualTo(2);
        assertThat(Commands.isCommand("read-now")).isTrue();
    }
}
