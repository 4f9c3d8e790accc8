package org.hausmeter.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hausmeter.tariff.TestTariffs.ntHtAllYear;
import static org.hausmeter.tariff.TestTariffs.version;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TariffPricerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final TariffBook BOOK =
            TariffBook.of(version(LocalDate.of(2026, 1, 1), ntHtAllYear("0.2137", "0.31254"), "9.95"));

    /** Counts the intervals of one local day per window name. */
    static Map<String, Integer> countDay(LocalDate day) {
        Instant t = day.atStartOfDay(BERLIN).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(BERLIN).toInstant();
        Map<String, Integer> counts = new TreeMap<>();
        for (; t.isBefore(end); t = t.plus(Duration.ofMinutes(15))) {
            counts.merge(TariffPricer.priceAt(BOOK, t, BERLIN).window().name(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void ordinaryDay_has96Intervals_32Nt64Ht() {
        assertThat(countDay(LocalDate.of(2026, 3, 28)))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("HT", 64, "NT", 32)));
    }

    @Test
    void dstSpringDay_has92Intervals_missingHourIsNt() {
        assertThat(countDay(LocalDate.of(2026, 3, 29)))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("HT", 64, "NT", 28)));
    }

    @Test
    void dstAutumnDay_has100Intervals_repeatedHourIsNtTwice() {
        assertThat(countDay(LocalDate.of(2026, 10, 25)))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("HT", 64, "NT", 36)));
    }

    @Test
    void windowIsChosenByLocalTimeOfTheIntervalStart() {
        // 2026-10-25T00:45Z = 02:45 CEST (first pass); 01:45Z = 02:45 CET (second pass); 04:00Z = 05:00 CET
        assertThat(TariffPricer.priceAt(BOOK, Instant.parse("2026-10-25T00:45:00Z"), BERLIN)
                        .window()
                        .name())
                .isEqualTo("NT");
        assertThat(TariffPricer.priceAt(BOOK, Instant.parse("2026-10-25T01:45:00Z"), BERLIN)
                        .window()
                        .name())
                .isEqualTo("NT");
        // after the change 04:45Z = 05:45 CET (NT), 05:00Z = 06:00 CET (HT); before it 04:00Z = 06:00 CEST (HT)
        assertThat(TariffPricer.priceAt(BOOK, Instant.parse("2026-10-26T04:45:00Z"), BERLIN)
                        .window()
                        .name())
                .isEqualTo("NT");
        assertThat(TariffPricer.priceAt(BOOK, Instant.parse("2026-10-26T05:00:00Z"), BERLIN)
                        .window()
                        .name())
                .isEqualTo("HT");
        assertThat(TariffPricer.priceAt(BOOK, Instant.parse("2026-10-24T04:00:00Z"), BERLIN)
                        .window()
                        .name())
                .isEqualTo("HT");
    }

    @Test
    void versionIsChosenByLocalDateOfTheIntervalStart() {
        TariffVersion a = TestTariffs.flat(LocalDate.of(2026, 1, 1), "0.30", "9.95");
        TariffVersion b = TestTariffs.flat(LocalDate.of(2026, 7, 1), "0.32", "9.95");
        TariffBook book = TariffBook.of(b, a);
        // 2026-06-30T22:00Z is 2026-07-01T00:00 in Berlin
        assertThat(TariffPricer.priceAt(book, Instant.parse("2026-06-30T21:45:00Z"), BERLIN)
                        .version())
                .isEqualTo(a);
        assertThat(TariffPricer.priceAt(book, Instant.parse("2026-06-30T22:00:00Z"), BERLIN)
                        .version())
                .isEqualTo(b);
    }
}
