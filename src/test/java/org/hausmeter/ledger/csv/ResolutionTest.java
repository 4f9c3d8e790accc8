package org.hausmeter.ledger.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hausmeter.ledger.csv.LongFormatImportTest.BERLIN;
import static org.hausmeter.ledger.csv.LongFormatImportTest.messages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hausmeter.ledger.CounterReading;
import org.junit.jupiter.api.Test;

/** A file's resolution is detected from its timestamps; coarser values are refused or, on request, spread. */
class ResolutionTest {
    private static final Map<String, Long> METERS = Map.of("apt-1", 11L, "apt-2", 12L);

    /** Values with the line each came from. */
    static final class Lines implements ImportSink {
        final List<ImportedInterval> intervals = new ArrayList<>();
        final List<Long> lines = new ArrayList<>();

        @Override
        public void counter(CounterReading reading) {
            throw new AssertionError("no counters here");
        }

        @Override
        public void interval(ImportedInterval interval) {
            throw new AssertionError("the importer passes the line");
        }

        @Override
        public void interval(ImportedInterval interval, long line) {
            intervals.add(interval);
            lines.add(line);
        }
    }

    private static MeterCsvImport importer(boolean spread) {
        return new MeterCsvImport(
                METERS, ImportOptions.defaults("hourly.csv", BERLIN).withSpread(spread));
    }

    private static final String WIDE_HOURLY = """
            meter;01.01.2025 00:00;01.01.2025 01:00;01.01.2025 02:00
            apt-1;1,000;0,002;0
            apt-2;0,4;;0,8
            """;

    @Test
    void hourlyColumnsInAWideFile_areRefusedNamingTheResolution_notStoredAsQuarterHours() throws Exception {
        Lines sink = new Lines();
        ImportReport report = importer(false).commit(ReaderSource.of(WIDE_HOURLY), sink);
        assertThat(messages(report))
                .containsExactly("line 1: the file's values are hourly (detected from its timestamps), not quarter"
                        + " hours; bills need quarter-hour values: import with the option [spread onto quarter hours]"
                        + " to store them as ESTIMATED quarter hours");
        assertThat(report.summary().resolution()).isEqualTo(Resolution.HOURLY);
        assertThat(sink.intervals).isEmpty();
    }

    @Test
    void onRequest_hourlyValuesAreSpreadOntoFourQuarterHours_estimated_noWhLost_withTheirLine() throws Exception {
        Lines sink = new Lines();
        ImportReport report = importer(true).commit(ReaderSource.of(WIDE_HOURLY), sink);
        assertThat(messages(report)).isEmpty();
        assertThat(report.summary().values()).isEqualTo(5);
        assertThat(sink.intervals).hasSize(20).allMatch(ImportedInterval::estimated);
        // 1 kWh at 00:00 local = 23:00Z: 250 Wh in each quarter; 2 Wh: 1, 1, 0, 0 (earlier quarters first).
        assertThat(sink.intervals.subList(0, 8))
                .extracting(ImportedInterval::importWh)
                .containsExactly(250L, 250L, 250L, 250L, 1L, 1L, 0L, 0L);
        assertThat(sink.intervals.get(0).intervalStart()).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
        assertThat(sink.intervals.get(3).intervalStart()).isEqualTo(Instant.parse("2024-12-31T23:45:00Z"));
        assertThat(sink.intervals.stream().mapToLong(ImportedInterval::importWh).sum())
                .isEqualTo(1000 + 2 + 400 + 800);
        assertThat(sink.lines.subList(0, 12)).containsOnly(2L);
        assertThat(sink.lines.subList(12, 20)).containsOnly(3L);
    }

    @Test
    void longLayout_dailyValuesAcrossTheDstDay_spreadOnto96And100QuarterHours() throws Exception {
        String daily = """
                meter,timestamp,interval_import_kwh
                apt-1,2025-10-25 00:00,9.6
                apt-1,2025-10-26 00:00,10
                apt-1,2025-10-27 00:00,0.096
                """;
        ImportReport refused = importer(false).preview(ReaderSource.of(daily));
        // 24 h and 24 + 25 h between the starts: all local midnights, so daily.
        assertThat(refused.summary().resolution().daily()).isTrue();
        assertThat(refused.summary().resolution().text()).isEqualTo("daily");
        assertThat(messages(refused)).singleElement().asString().contains("values are daily");

        Lines sink = new Lines();
        ImportReport report = importer(true).commit(ReaderSource.of(daily), sink);
        assertThat(messages(report)).isEmpty();
        assertThat(sink.intervals).hasSize(96 + 100 + 96);
        assertThat(sink.intervals.subList(0, 96)).allMatch(i -> i.importWh() == 100);
        assertThat(sink.intervals.subList(96, 196)).allMatch(i -> i.importWh() == 100);
        assertThat(sink.intervals.subList(196, 292)).allMatch(i -> i.importWh() == 1);
        assertThat(sink.intervals.get(195).intervalStart()).isEqualTo(Instant.parse("2025-10-26T22:45:00Z"));
        assertThat(sink.lines.subList(96, 196)).containsOnly(3L);
    }

    @Test
    void quarterHoursWithGaps_stayQuarterHours_andAMeterWithOneValueTellsNothing() throws Exception {
        String gaps = """
                meter,timestamp,interval_import_kwh
                apt-1,2025-06-01 00:00,1
                apt-1,2025-06-01 00:15,1
                apt-1,2025-06-01 02:15,1
                apt-2,2025-06-01 05:00,1
                """;
        ImportReport report = importer(false).preview(ReaderSource.of(gaps));
        assertThat(messages(report)).isEmpty();
        assertThat(report.summary().resolution()).isEqualTo(Resolution.QUARTER_HOUR);
    }
}
