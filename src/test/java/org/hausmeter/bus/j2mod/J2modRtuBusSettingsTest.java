package org.hausmeter.bus.j2mod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.hausmeter.bus.FunctionCode;
import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.bus.SerialSettings;
import org.junit.jupiter.api.Test;

/** J2modRtuBus behaviour that needs no pty. */
class J2modRtuBusSettingsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    void missingDevice_isIo() {
        try (ModbusBus missing = new J2modRtuBus("rtu9", SerialSettings.rtu8E1("/nonexistent/ttyX", 9600), TIMEOUT)) {
            assertThatThrownBy(() -> missing.readRegisters(1, FunctionCode.INPUT, 0, 1))
                    .isInstanceOfSatisfying(
                            ModbusFailure.class, f -> assertThat(f.kind()).isEqualTo(ModbusFailure.Kind.IO))
                    .hasMessageContaining("cannot open [/nonexistent/ttyX]");
        }
    }

    @Test
    void defaultPause_isT35RoundedUpToMillis() {
        assertThat(J2modRtuBus.defaultPause(SerialSettings.rtu8E1("/dev/null", 9600)))
                .isEqualTo(Duration.ofMillis(5));
        assertThat(J2modRtuBus.defaultPause(SerialSettings.rtu8E1("/dev/null", 19200)))
                .isEqualTo(Duration.ofMillis(3));
        assertThat(J2modRtuBus.defaultPause(SerialSettings.rtu8E1("/dev/null", 38400)))
                .isEqualTo(Duration.ofMillis(2));
    }
}
