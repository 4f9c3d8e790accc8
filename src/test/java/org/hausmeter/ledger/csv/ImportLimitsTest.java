package org.hausmeter.ledger.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.hausmeter.ledger.CounterOrder;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.ReadingSource;
import org.junit.jupiter.api.Test;

/** The ledger's limits on a file: accepted period, installation of each meter, readings already stored. */
class ImportLimitsTest {
    static final ZoneId BERLIN = LongFormatImportTest.BERLIN;
    static final Map<String, Long> METERS = LongFormatImportTest.METERS;
    /** Period 2024-01-01 to 2026-11-22 (Berlin); apt-2 installed on 1 March 2025 (Berlin). */
    static final ImportLimits LIMITS = new ImportLimits(
            Instant.parse("2023-12-31T23:00:00Z"),
            Instant.parse("2026-11-21T23:00:00Z"),
            Map.of(12L, Instant.parse("2025-02-28T23:00:00Z")),
            BERLIN);

    private static ImportReport preview(String csv, StoredReadings stored) throws Exception {
        return new MeterCsvImport(METERS, ImportOptions.defaults("f.csv", BERLIN), LIMITS, stored)
                .preview(ReaderSource.of(csv));
    }

    private static List<String> messages(String csv, StoredReadings stored) throws Exception {
        return LongFormatImportTest.messages(preview(csv, stored));
    }

    @Test
    void longLayout_timestampsOutsideThePeriod_areRefusedWithTheirLine() throws Exception {
        assertThat(messages("""
                meter,timestamp,import_kwh
                apt-1,0001-01-01 00:00,1
                apt-1,2025-01-01 00:00,2
                apt-1,9999-12-31 23:45,3
                apt-1,2026-11-22 00:00,4
                apt-1,2026-11-21 23:45,4
                """, StoredReadings.NONE))
                .containsExactly(
                        "line 2, column 2 [timestamp]: reading at [0001-01-01 00:00] is outside the accepted period"
                                + " [2024-01-01 00:00] to [2026-11-22 00:00]",
                        "line 4, column 2 [timestamp]: reading at [9999-12-31 23:45] is outside the accepted period"
                                + " [2024-01-01 00:00] to [2026-11-22 00:00]",
                        "line 5, column 2 [timestamp]: reading at [2026-11-22 00:00] is outside the accepted period"
                                + " [2024-01-01 00:00] to [2026-11-22 00:00]");
    }

    @Test
    void valuesBeforeTheMeterWasInstalled_areRefusedNamingMeterAndDate() throws Exception {
        assertThat(messages("""
                meter,timestamp,interval_import_kwh
                apt-2,2025-02-28 23:45,1
                apt-2,2025-03-01 00:00,1
                apt-1,2025-02-28 23:45,1
                """, StoredReadings.NONE))
                .containsExactly(
                        "line 2, column 2 [timestamp]: interval at [2025-02-28 23:45] is before meter [apt-2] was installed"
                                + " on [2025-03-01 00:00]");
        assertThat(messages("""
                meter;info;28/02/2025 23:45;01/03/2025 00:00;01/01/1900 00:00
                apt-2;x;0,5;0,5;
                apt-1;y;0,5;0,5;
                """, StoredReadings.NONE))
                .containsExactly(
                        "line 1, column 5 [01/01/1900 00:00]: interval at [1900-01-01 00:00] is outside the accepted period"
                                + " [2024-01-01 00:00] to [2026-11-22 00:00]",
                        "line 2, column 3 [28/02/2025 23:45]: interval at [2025-02-28 23:45] is before meter [apt-2] was"
                                + " installed on [2025-03-01 00:00]");
    }

    @Test
    void countersAgainstStoredReadings_sameRuleAsManualEntry() throws Exception {
        // Stored for apt-1: 100 kWh at 00:00Z and 200 kWh at 02:00Z (Berlin 01:00 and 03:00).
        List<CounterReading> stored = List.of(
                new CounterReading(11L, Instant.parse("2025-01-01T00:00:00Z"), 100_000, null, ReadingSource.MANUAL),
                new CounterReading(11L, Instant.parse("2025-01-01T02:00:00Z"), 200_000, null, ReadingSource.POLL));
        StoredReadings ledger = (meterId, from, to, each) ->
                stored.stream().filter(r -> r.meterId() == meterId).forEach(each);
        assertThat(messages("""
                meter,timestamp,import_kwh
                apt-1,2025-01-01 01:30,150
                apt-1,2025-01-01 02:00,160
                """, ledger)).isEmpty();
        assertThat(messages("""
                meter,timestamp,import_kwh
                apt-1,2025-01-01 00:30,150
                apt-1,2025-01-01 02:00,160
                apt-1,2025-01-01 03:00,200
                apt-1,2025-01-01 03:30,190
                """, ledger))
                .containsExactly(
                        "line 5, column 3 [import_kwh]: counter went backwards: [190] kWh after [200.000] kWh at an earlier time"
                                + " on line [4]",
                        "line 2, column 3 [import_kwh]: counter went backwards: [150 kWh] before the stored reading [100 kWh]"
                                + " of meter [apt-1] at [2025-01-01T00:00:00Z]",
                        "line 5, column 3 [import_kwh]: counter went backwards: [190 kWh] after the stored reading [200 kWh]"
                                + " of meter [apt-1] at [2025-01-01T02:00:00Z]");
        // The same file without stored readings is fine apart from its own step back.
        assertThat(messages("""
                meter,timestamp,import_kwh
                apt-1,2025-01-01 00:30,150
                apt-1,2025-01-01 02:00,160
                """, StoredReadings.NONE)).isEmpty();
        // Between two stored readings: a value above the later one.
        assertThat(messages("""
                meter,timestamp,import_kwh
                apt-1,2025-01-01 02:00,250
                """, ledger))
                .containsExactly(
                        "line 2, column 3 [import_kwh]: counter went backwards: [250 kWh] before the stored reading [200 kWh]"
                                + " of meter [apt-1] at [2025-01-01T02:00:00Z]");
    }

    @Test
    void counterOrder_exportComparedOnlyWhenBothHaveOne() {
        assertThat(CounterOrder.backwards(100, null, 99, null)).isTrue();
        assertThat(CounterOrder.backwards(100, null, 100, null)).isFalse();
        assertThat(CounterOrder.backwards(100, 5L, 100, 4L)).isTrue();
        assertThat(CounterOrder.backwards(100, 5L, 101, null)).isFalse();
        assertThat(CounterOrder.backwards(100, null, 101, 0L)).isFalse();
        assertThat(CounterOrder.kwh(1_234_500, 250L)).isEqualTo("1234.5/0.25 kWh");
    }
}
