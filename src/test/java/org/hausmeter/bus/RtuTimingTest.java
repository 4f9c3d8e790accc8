package org.hausmeter.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Figures from docs/domain.md 2.2 (11-bit characters). */
class RtuTimingTest {

    @ParameterizedTest(name = "{0} baud: char {1} µs, t1.5 {2} µs, t3.5 {3} µs")
    @CsvSource({
        "9600, 1145.83, 1719, 4010",
        "19200, 572.92, 859, 2005",
        "38400, 286.46, 750, 1750",
        "115200, 95.49, 750, 1750"
    })
    void characterTimes_matchDomainTable(int baud, double charMicros, long t15, long t35) {
        RtuTiming timing = RtuTiming.of(baud);
        assertThat(timing.characterMicros()).isCloseTo(charMicros, within(0.01));
        assertThat(timing.interCharacterTimeoutMicros()).isEqualTo(t15);
        assertThat(timing.silenceMicros()).isEqualTo(t35);
    }

    @Test
    void frameSizes_requestIs8_responseIs5Plus2N() {
        assertThat(RtuTiming.READ_REQUEST_BYTES).isEqualTo(8);
        assertThat(RtuTiming.readResponseBytes(4)).isEqualTo(13);
        assertThat(RtuTiming.readResponseBytes(125)).isEqualTo(255);
    }

    @ParameterizedTest(name = "SDM import+export at {0} baud: {1} µs")
    @CsvSource({"9600, 32083", "19200, 16042", "38400, 9516"})
    void sdmImportExport_oneReadOf4Registers(int baud, long micros) {
        assertThat(RtuTiming.of(baud).readMicros(4, Duration.ZERO)).isEqualTo(micros);
    }

    @ParameterizedTest(name = "60 SDMs at {0} baud, turnaround {1} ms: {2} ms")
    @CsvSource({
        "9600, 0, 1925", "19200, 0, 962", "38400, 0, 571",
        "9600, 20, 3125", "19200, 20, 2163", "38400, 20, 1771",
        "9600, 100, 7925", "38400, 100, 6571"
    })
    void sixtyMeters_matchDomainTable(int baud, int turnaroundMs, long millis) {
        List<Integer> reads = Collections.nCopies(60, 4);
        long micros = RtuTiming.of(baud).minimumReadMicros(reads, Duration.ofMillis(turnaroundMs));
        assertThat(micros / 1000.0).isCloseTo(millis, within(1.0));
    }

    @Test
    void twoSeparateReads_cost55msAt9600() {
        assertThat(RtuTiming.of(9600).minimumReadMicros(List.of(2, 2), Duration.ZERO))
                .isEqualTo(55000);
        assertThat(RtuTiming.of(38400).minimumReadMicros(List.of(2, 2), Duration.ZERO) / 1000.0)
                .isCloseTo(16.74, within(0.01));
    }

    @Test
    void abbAndSunSpecReads_matchDomainTable() {
        assertThat(RtuTiming.of(9600).readMicros(8, Duration.ZERO)).isEqualTo(41250);
        assertThat(RtuTiming.of(19200).readMicros(8, Duration.ZERO) / 1000.0).isCloseTo(20.62, within(0.01));
        assertThat(RtuTiming.of(9600).readMicros(17, Duration.ZERO) / 1000.0).isCloseTo(61.9, within(0.05));
    }

    @Test
    void eightN1_isTenEleventhsOfTheWireTime() {
        RtuTiming n81 = RtuTiming.of(new SerialSettings("/dev/null", 9600, 8, Parity.NONE, 1));
        assertThat(n81.bitsPerChar()).isEqualTo(10);
        assertThat(n81.wireMicros(21)).isEqualTo(Math.round(RtuTiming.of(9600).wireMicros(21) * 10 / 11.0));
    }

    @Test
    void transactionTime_addsTurnaroundWithNanoResolution() {
        Duration d = RtuTiming.of(9600).transactionTime(8, 13, Duration.ofMillis(20));
        assertThat(d.toNanos()).isCloseTo(52_083_333L, within(1L));
    }

    @Test
    void negativeTurnaround_isRejected() {
        assertThatThrownBy(() -> RtuTiming.of(9600).readMicros(4, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
