package org.hausmeter.ledger.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.ReadingSource;
import org.junit.jupiter.api.Test;

class LongFormatImportTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Map<String, Long> METERS = Map.of("apt-1", 11L, "apt-2", 12L, "Wohnung 3, links", 13L);

    static final class Collected implements ImportSink {
        final List<CounterReading> counters = new ArrayList<>();
        final List<ImportedInterval> intervals = new ArrayList<>();

        @Override
        public void counter(CounterReading reading) {
            counters.add(reading);
        }

        @Override
        public void interval(ImportedInterval interval) {
            intervals.add(interval);
        }
    }

    static MeterCsvImport importer(ImportOptions options) {
        return new MeterCsvImport(METERS, options);
    }

    static MeterCsvImport importer() {
        return importer(ImportOptions.defaults("readings.csv", BERLIN));
    }

    static List<String> messages(ImportReport report) {
        return report.problems().stream().map(ImportProblem::message).toList();
    }

    @Test
    void counters_happyPath_offsetsAndLocalTimes_becomeImportReadingsInWh() throws Exception {
        String csv = """
                meter,timestamp,import_kwh,export_kwh
                apt-1,2025-01-01T00:00:00+01:00,1234.5,0.25
                apt-1,2025-01-01 00:15,1234.6784,
                apt-2,2025-01-01T00:07:31Z,7,1
                """;
        var sink = new Collected();
        ImportReport report = importer().commit(ReaderSource.of(csv), sink);

        assertThat(report.ok()).isTrue();
        assertThat(report.summary())
                .isEqualTo(new ImportSummary(
                        ImportOptions.Layout.LONG,
                        ImportSummary.Kind.COUNTERS,
                        3,
                        3,
                        2,
                        Instant.parse("2024-12-31T23:00:00Z"),
                        Instant.parse("2025-01-01T00:07:31Z")));
        assertThat(sink.intervals).isEmpty();
        assertThat(sink.counters)
                .containsExactly(
                        new CounterReading(
                                11, Instant.parse("2024-12-31T23:00:00Z"), 1_234_500, 250L, ReadingSource.IMPORT),
                        new CounterReading(
                                11, Instant.parse("2024-12-31T23:15:00Z"), 1_234_678, null, ReadingSource.IMPORT),
                        new CounterReading(
                                12, Instant.parse("2025-01-01T00:07:31Z"), 7_000, 1_000L, ReadingSource.IMPORT));
    }

    @Test
    void intervals_happyPath_zoneStatedInTheHeader_caseInsensitiveNames_quotedMeter() throws Exception {
        String csv = """
                Meter,Timestamp (Europe/Berlin),Interval_Import_kWh,INTERVAL_EXPORT_KWH
                apt-1,2025-07-01 00:00,0.1,0
                "Wohnung 3, links",2025-07-01 00:15,"0.2505",
                """;
        var sink = new Collected();
        ImportReport report =
                importer(ImportOptions.defaults("iv.csv", ZoneId.of("UTC"))).commit(ReaderSource.of(csv), sink);

        assertThat(messages(report)).isEmpty();
        assertThat(report.summary().kind()).isEqualTo(ImportSummary.Kind.INTERVALS);
        assertThat(sink.counters).isEmpty();
        assertThat(sink.intervals)
                .containsExactly(
                        new ImportedInterval(11, Instant.parse("2025-06-30T22:00:00Z"), 100, 0L),
                        new ImportedInterval(13, Instant.parse("2025-06-30T22:15:00Z"), 251, null));
    }

    @Test
    void semicolonDelimiter_withDecimalComma_andBom_andCrlf() throws Exception {
        String csv = "\uFEFFmeter;timestamp;interval_import_kwh\r\napt-1;01/01/2025 00:15;1,5\r\n"
                + "apt-1;01/01/2025 00:30;\"0,0005\"\r\n";
        var sink = new Collected();
        ImportReport report = importer().commit(ReaderSource.of(csv), sink);

        assertThat(messages(report)).isEmpty();
        assertThat(sink.intervals)
                .extracting(ImportedInterval::intervalStart, ImportedInterval::importWh)
                .containsExactly(
                        tuple(Instant.parse("2024-12-31T23:15:00Z"), 1_500L),
                        tuple(Instant.parse("2024-12-31T23:30:00Z"), 1L));
    }

    @Test
    void brokenCounterLines_areEachReportedWithLineColumnAndReason_andNothingIsCommitted() throws Exception {
        String csv = """
                meter,timestamp,import_kwh,export_kwh
                apt-1,2025-01-01 00:00,100.000,5
                apt-1,2025-01-01 00:15,100.5
                apt-1,2025-01-01 00:30,"12,3.4",1
                apt-1,2025-13-01 00:45,101,6
                apt-1,2025-01-01 01:00,-1,6
                apt-9,2025-01-01 01:00,101,6
                apt-1,2025-01-01 00:00,100.000,5
                apt-1,2025-01-01 01:15,99.5,6
                apt-1,2025-01-01 01:30,101,6
                apt-2,2025-01-01 00:00,1,10
                apt-2,2025-01-01 00:15,2,9
                apt-2,2025-01-01 00:30,3,11
                apt-2,2025-01-01 00:20,3.5,10.5
                ,2025-01-01 00:20,1,1
                apt-2,2025-01-01 00:45,,12
                """;
        var sink = new Collected();
        ImportReport report = importer().commit(ReaderSource.of(csv), sink);

        assertThat(sink.counters).isEmpty();
        assertThat(report.ok()).isFalse();
        assertThat(messages(report))
                .containsExactly(
                        "line 3: expected [4] fields, found [3]",
                        "line 4, column 3 [import_kwh]: not a number [12,3.4]",
                        "line 5, column 2 [timestamp]: invalid date or time [2025-13-01 00:45]",
                        "line 6, column 3 [import_kwh]: negative value [-1]",
                        "line 7, column 1 [meter]: unknown meter [apt-9]",
                        "line 8: duplicate row for meter [apt-1] at [2025-01-01 00:00], first on line [2]",
                        "line 9, column 3 [import_kwh]: counter went backwards: [99.5] kWh after [100.000] kWh at an earlier"
                                + " time on line [2]",
                        "line 12, column 4 [export_kwh]: counter went backwards: [9] kWh after [10.000] kWh at an earlier"
                                + " time on line [11]",
                        "line 14, column 3 [import_kwh]: counter went backwards: [3.5] kWh before [3.000] kWh at a later"
                                + " time on line [13]",
                        "line 15, column 1 [meter]: missing meter",
                        "line 16, column 3 [import_kwh]: missing value");
        assertThat(report.problemCount()).isEqualTo(11);
        assertThat(report.problems().get(1).toString())
                .isEqualTo("[readings.csv] line 4, column 3 [import_kwh]: not a number [12,3.4]");
        assertThat(report.summary().rows()).isEqualTo(15);
        assertThat(report.summary().values()).isEqualTo(4);
    }

    @Test
    void brokenIntervalLines_misalignedAndDuplicate_inAnyOrder() throws Exception {
        String csv = """
                meter,timestamp,interval_import_kwh
                apt-1,2025-01-01 00:30,1
                apt-1,2025-01-01 00:10,1
                apt-1,2025-01-01 00:15,1
                apt-2,2025-01-01 00:30,1
                apt-1,2025-01-01T00:30+01:00,2
                apt-1,2025-01-01 00:00:30,1
                apt-2,2025-01-01T00:45:00.000Z,1
                apt-2,2025-01-01T00:45:00.001Z,1
                """;
        ImportReport report = importer().preview(new StringReader(csv));

        assertThat(messages(report))
                .containsExactly(
                        "line 3, column 2 [timestamp]: interval start [2025-01-01 00:10] is not on a quarter hour",
                        "line 6: duplicate row for meter [apt-1] at [2025-01-01T00:30+01:00], first on line [2]",
                        "line 7, column 2 [timestamp]: interval start [2025-01-01 00:00:30] is not on a quarter hour",
                        "line 9, column 2 [timestamp]: interval start [2025-01-01T00:45:00.001Z] is not on a quarter hour");
        assertThat(report.summary().values()).isEqualTo(4);
    }

    @Test
    void dstDays_inBerlin_gapAndOverlapNeedAnOffset() throws Exception {
        String csv = """
                meter,timestamp,interval_import_kwh
                apt-1,2025-03-30 01:45,1
                apt-1,2025-03-30 02:00,1
                apt-1,2025-03-30 03:00,1
                apt-1,2025-10-26 01:45,1
                apt-1,2025-10-26 02:15,1
                apt-1,2025-10-26 02:15+02:00,1
                apt-1,2025-10-26 02:15+01:00,1
                apt-1,2025-10-26 03:00,1
                """;
        var sink = new Collected();
        ImportReport report = importer().preview(ReaderSource.of(csv));

        assertThat(messages(report))
                .containsExactly(
                        "line 3, column 2 [timestamp]: local time [2025-03-30 02:00] does not exist in [Europe/Berlin]"
                                + " (clocks skip it): give an offset",
                        "line 6, column 2 [timestamp]: ambiguous local time [2025-10-26 02:15] in [Europe/Berlin]:"
                                + " give an offset");

        String fixed = csv.replace("apt-1,2025-03-30 02:00,1\n", "").replace("apt-1,2025-10-26 02:15,1\n", "");
        importer().commit(ReaderSource.of(fixed), sink);
        assertThat(sink.intervals)
                .extracting(ImportedInterval::intervalStart)
                .containsExactly(
                        Instant.parse("2025-03-30T00:45:00Z"), Instant.parse("2025-03-30T01:00:00Z"),
                        Instant.parse("2025-10-25T23:45:00Z"), Instant.parse("2025-10-26T00:15:00Z"),
                        Instant.parse("2025-10-26T01:15:00Z"), Instant.parse("2025-10-26T02:00:00Z"));
    }

    @Test
    void headerProblems() throws Exception {
        assertThat(messages(importer().preview(ReaderSource.of("timestamp,import_kwh\n"))))
                .containsExactly("line 1: missing column [meter]");
        assertThat(messages(importer().preview(ReaderSource.of("meter,timestamp,import_kwh,interval_import_kwh\n"))))
                .containsExactly("line 1: counter columns [import_kwh, export_kwh] and interval columns"
                        + " [interval_import_kwh, interval_export_kwh] in one file");
        assertThat(messages(importer().preview(ReaderSource.of("meter,timestamp,export_kwh\n"))))
                .containsExactly("line 1: missing column [import_kwh]");
        assertThat(messages(importer().preview(ReaderSource.of("meter,timestamp (Mars/Olympus),import_kwh\n"))))
                .containsExactly("line 1, column 2 [timestamp (Mars/Olympus)]: unknown time zone [Mars/Olympus]");
        assertThat(messages(importer()
                        .preview(ReaderSource.of(
                                "meter,timestamp,import_kwh,exprot_kwh\n" + "apt-1,2025-01-01 00:00,1,2\n"))))
                .containsExactly("line 1, column 4 [exprot_kwh]: unknown column [exprot_kwh] (expected "
                        + LongFormat.COLUMNS + ")");
        assertThat(messages(importer().preview(ReaderSource.of(""))))
                .containsExactly("line 1: empty file: no header row");
    }

    @Test
    void csvSyntaxErrors_areReportedWithTheirColumn_andTheNextLinesStillCount() throws Exception {
        String csv = """
                meter,timestamp,import_kwh
                apt-1,2025-01-01 00:00,1"2
                apt-1,"2025-01-01 00:15"x,1
                apt-1,2025-01-01 00:30,"a
                b"
                apt-1,2025-01-01 00:45,-3
                apt-1,2025-01-01 01:00,"open
                """;
        ImportReport report = importer().preview(ReaderSource.of(csv));
        assertThat(messages(report))
                .containsExactly(
                        "line 2, column 3 [import_kwh]: quote inside an unquoted field",
                        "line 3, column 2 [timestamp]: unexpected [x] after a closing quote",
                        "line 4, column 3 [import_kwh]: not a number [a\nb]",
                        "line 6, column 3 [import_kwh]: negative value [-3]",
                        "line 7, column 3 [import_kwh]: quoted field not closed before the end of the file");
        assertThat(messages(importer().preview(ReaderSource.of("meter,\"timestamp\n"))))
                .containsExactly("line 1: header column [2]: quoted field not closed before the end of the file");
    }

    @Test
    void localTimes_withoutAnyZone_areProblems() throws Exception {
        ImportReport report = importer(ImportOptions.defaults("x.csv", null))
                .preview(ReaderSource.of(
                        "meter,timestamp,import_kwh\napt-1,2025-01-01 00:00,1\napt-1,2025-01-01 00:15Z,1\n"));
        assertThat(messages(report))
                .singleElement()
                .asString()
                .startsWith("line 2, column 2 [timestamp]: local time [2025-01-01 00:00] without a time zone");
    }

    @Test
    void problems_areCappedButAllCounted() throws Exception {
        StringBuilder csv = new StringBuilder("meter,timestamp,import_kwh\n");
        for (int i = 0; i < 50; i++) {
            csv.append("nobody,2025-01-01 00:00,1\n");
        }
        ImportReport report = importer(ImportOptions.defaults("x.csv", BERLIN).withMaxProblems(3))
                .preview(ReaderSource.of(csv.toString()));
        assertThat(report.problemCount()).isEqualTo(50);
        assertThat(messages(report))
                .containsExactly(
                        "line 2, column 1 [meter]: unknown meter [nobody]",
                        "line 3, column 1 [meter]: unknown meter [nobody]",
                        "line 4, column 1 [meter]: unknown meter [nobody]");
    }

    @Test
    void reimport_givesTheSameRecordsInTheSameOrder() throws Exception {
        String csv = """
                meter,timestamp,import_kwh,export_kwh
                apt-2,2025-01-01 00:30,3,1
                apt-1,2025-01-01 00:15,100.5,0
                apt-2,2025-01-01 00:15,2.0004,0.5
                apt-1,2025-01-01 00:00,100,0
                """;
        var first = new Collected();
        var second = new Collected();
        ImportReport a = importer().commit(ReaderSource.of(csv), first);
        ImportReport b = importer().commit(ReaderSource.of(csv), second);
        assertThat(a).isEqualTo(b);
        assertThat(first.counters).hasSize(4).isEqualTo(second.counters);
    }

    @Test
    void commit_whenTheSourceChangesBetweenPasses_throws() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        ReaderSource changing = () -> new StringReader(
                opened.getAndIncrement() == 0
                        ? "meter,timestamp,import_kwh\napt-1,2025-01-01 00:00,1\n"
                        : "meter,timestamp,import_kwh\napt-1,2025-01-01 00:00,1\napt-1,2025-01-01 00:15,0.5\n");
        var sink = new Collected();
        assertThatThrownBy(() -> importer().commit(changing, sink))
                .isInstanceOf(ImportSourceChangedException.class)
                .hasMessageStartingWith("Import file [readings.csv] changed while importing");
    }
}
