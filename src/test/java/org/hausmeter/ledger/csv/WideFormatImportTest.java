package org.hausmeter.ledger.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hausmeter.ledger.csv.LongFormatImportTest.BERLIN;
import static org.hausmeter.ledger.csv.LongFormatImportTest.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WideFormatImportTest {
    private static final Map<String, Long> METERS = Map.of("apt-1", 11L, "apt-2", 12L, "PV roof", 20L);

    private static MeterCsvImport importer(ImportOptions options) {
        return new MeterCsvImport(METERS, options);
    }

    private static MeterCsvImport importer() {
        return importer(ImportOptions.defaults("campus.csv", BERLIN));
    }

    @Test
    void happyPath_descriptiveColumnsDetected_emptyCellsSkipped() throws Exception {
        String csv = """
                Name,Location,Unit,01/01/2025 00:00,01/01/2025 00:15,01/01/2025 00:30
                apt-1,"House A, 1st floor",kWh,0.25,,1.0005
                "PV roof",roof,kWh,0,0,0
                """;
        var sink = new LongFormatImportTest.Collected();
        ImportReport report = importer().commit(ReaderSource.of(csv), sink);

        assertThat(messages(report)).isEmpty();
        assertThat(report.summary())
                .isEqualTo(new ImportSummary(
                        ImportOptions.Layout.WIDE,
                        ImportSummary.Kind.INTERVALS,
                        2,
                        5,
                        2,
                        Instant.parse("2024-12-31T23:00:00Z"),
                        Instant.parse("2024-12-31T23:30:00Z")));
        assertThat(sink.intervals)
                .containsExactly(
                        new ImportedInterval(11, Instant.parse("2024-12-31T23:00:00Z"), 250, null),
                        new ImportedInterval(11, Instant.parse("2024-12-31T23:30:00Z"), 1_001, null),
                        new ImportedInterval(20, Instant.parse("2024-12-31T23:00:00Z"), 0, null),
                        new ImportedInterval(20, Instant.parse("2024-12-31T23:15:00Z"), 0, null),
                        new ImportedInterval(20, Instant.parse("2024-12-31T23:30:00Z"), 0, null));
    }

    @Test
    void configuredDescriptiveColumns_mayStartWithADigit() throws Exception {
        String csv = "meter,location,2nd line,01/01/2025 00:00\napt-1,x,y,2\n";
        var sink = new LongFormatImportTest.Collected();
        ImportReport report = importer(ImportOptions.defaults("c.csv", BERLIN).withDescriptiveColumns(2))
                .commit(ReaderSource.of(csv), sink);
        assertThat(messages(report)).isEmpty();
        assertThat(sink.intervals).extracting(ImportedInterval::importWh).containsExactly(2_000L);
        assertThat(messages(importer().preview(ReaderSource.of(csv))))
                .singleElement()
                .asString()
                .startsWith("line 1, column 3 [2nd line]: not a timestamp [2nd line]");
    }

    @Test
    void semicolonDelimiter_decimalComma_zoneInTheFirstHeader() throws Exception {
        String csv = "\uFEFFZähler (UTC);01.07.2025 00:00;01.07.2025 00:15\r\napt-1;1,25;0,5\r\napt-2;;3\r\n";
        var sink = new LongFormatImportTest.Collected();
        ImportReport report = importer().commit(ReaderSource.of(csv), sink);

        assertThat(messages(report)).isEmpty();
        assertThat(sink.intervals)
                .extracting(ImportedInterval::meterId, ImportedInterval::intervalStart, ImportedInterval::importWh)
                .containsExactly(
                        tuple(11L, Instant.parse("2025-07-01T00:00:00Z"), 1_250L),
                        tuple(11L, Instant.parse("2025-07-01T00:15:00Z"), 500L),
                        tuple(12L, Instant.parse("2025-07-01T00:15:00Z"), 3_000L));
    }

    @Test
    void trailingDelimiters_blankHeaderColumnsAreIgnored_butMustStayEmpty() throws Exception {
        String csv = "meter,01/01/2025 00:00,\napt-1,1,\napt-2,2,3\n";
        ImportReport report = importer().preview(ReaderSource.of(csv));
        assertThat(messages(report)).containsExactly("line 3, column 3 []: value [3] in a column without header");
        assertThat(report.summary().values()).isEqualTo(2);
        assertThat(messages(importer()
                        .preview(ReaderSource.of("meter,timestamp,import_kwh,\napt-1,2025-01-01 00:00,1,\n"))))
                .isEmpty();
    }

    @Test
    void reimport_givesTheSameRecords() throws Exception {
        String csv = "meter;location;01/01/2025 00:00;01/01/2025 00:15\napt-2;x;0,5;1\napt-1;y;;2,0004\n";
        var first = new LongFormatImportTest.Collected();
        var second = new LongFormatImportTest.Collected();
        assertThat(importer().commit(ReaderSource.of(csv), first))
                .isEqualTo(importer().commit(ReaderSource.of(csv), second));
        assertThat(first.intervals).hasSize(3).isEqualTo(second.intervals);
    }

    @Test
    void mixedDecimalSeparators_inASemicolonFile_areReported() throws Exception {
        String csv = "meter;01/01/2025 00:00;01/01/2025 00:15\napt-1;1,5;2\napt-2;1.234;3\n";
        assertThat(messages(importer().preview(ReaderSource.of(csv))))
                .containsExactly(
                        "line 3, column 2 [01/01/2025 00:00]: decimal separator [.] but this file uses [,]: [1.234]");
    }

    @Test
    void brokenRowsAndCells_areEachReported() throws Exception {
        String csv = """
                meter,01/01/2025 00:00,01/01/2025 00:15
                apt-1,1,2,3
                apt-2,x,-2
                nobody,1,1
                apt-2,"12,3.4",1
                apt-1,1,
                apt-1,1,1
                ,1,1
                """;
        ImportReport report = importer().preview(ReaderSource.of(csv));
        assertThat(messages(report))
                .containsExactly(
                        "line 2: expected [3] fields, found [4]",
                        "line 3, column 2 [01/01/2025 00:00]: not a number [x]",
                        "line 3, column 3 [01/01/2025 00:15]: negative value [-2]",
                        "line 4, column 1 [meter]: unknown meter [nobody]",
                        "line 5, column 1 [meter]: duplicate meter [apt-2], first on line [3]",
                        "line 7, column 1 [meter]: duplicate meter [apt-1], first on line [6]",
                        "line 8, column 1 [meter]: missing meter");
        assertThat(report.summary().rows()).isEqualTo(7);
        assertThat(report.summary().values()).isEqualTo(1);
    }

    @Test
    void headerProblems_misalignedDuplicateAndBadTimestamps() throws Exception {
        String csv = "meter,01/01/2025 00:00,01/01/2025 00:10,2025-01-01T00:00+01:00,32/01/2025 00:00\napt-1,1,1,1,1\n";
        assertThat(messages(importer().preview(ReaderSource.of(csv))))
                .containsExactly(
                        "line 1, column 3 [01/01/2025 00:10]: interval start [01/01/2025 00:10] is not on a quarter hour",
                        "line 1, column 4 [2025-01-01T00:00+01:00]: same interval [2024-12-31T23:00:00Z] as column [2]",
                        "line 1, column 5 [32/01/2025 00:00]: invalid date or time [32/01/2025 00:00]");
        assertThat(messages(importer().preview(ReaderSource.of("meter,location\napt-1,x\n"))))
                .containsExactly("line 1: no interval columns: expected headers like [01/01/2025 00:00]");
    }

    @Test
    void fallBackDay_ambiguousHeadersAreErrors_offsetHeadersGive100Intervals() throws Exception {
        String ambiguous = "meter,26/10/2025 01:45,26/10/2025 02:00,26/10/2025 03:00\napt-1,1,1,1\n";
        assertThat(messages(importer().preview(ReaderSource.of(ambiguous))))
                .containsExactly(
                        "line 1, column 3 [26/10/2025 02:00]: ambiguous local time [2025-10-26 02:00] in [Europe/Berlin]:"
                                + " give an offset");

        var sink = new LongFormatImportTest.Collected();
        ImportReport report = importer().commit(ReaderSource.of(dayFile(LocalDate.of(2025, 10, 26), true)), sink);
        assertThat(messages(report)).isEmpty();
        assertThat(report.summary().values()).isEqualTo(100);
        assertThat(report.summary().first()).isEqualTo(Instant.parse("2025-10-25T22:00:00Z"));
        assertThat(report.summary().last()).isEqualTo(Instant.parse("2025-10-26T22:45:00Z"));
        assertThat(sink.intervals.stream().mapToLong(ImportedInterval::importWh).sum())
                .isEqualTo(100_000);
    }

    @Test
    void springForwardDay_gapHeaderIsAnError_andTheDayHas92Intervals() throws Exception {
        String gap = "meter,30/03/2025 01:45,30/03/2025 02:00,30/03/2025 03:00\napt-1,1,1,1\n";
        assertThat(messages(importer().preview(ReaderSource.of(gap))))
                .containsExactly("line 1, column 3 [30/03/2025 02:00]: local time [2025-03-30 02:00] does not exist in"
                        + " [Europe/Berlin] (clocks skip it): give an offset");

        ImportReport report = importer().preview(ReaderSource.of(dayFile(LocalDate.of(2025, 3, 30), false)));
        assertThat(messages(report)).isEmpty();
        assertThat(report.summary().values()).isEqualTo(92);
    }

    /** One meter, one day of 1 kWh intervals; headers local, with the offset only where asked. */
    private static String dayFile(LocalDate day, boolean withOffsets) {
        ZoneId zone = BERLIN;
        DateTimeFormatter local = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
        StringBuilder header = new StringBuilder("meter");
        StringBuilder row = new StringBuilder("apt-1");
        ZonedDateTime t = day.atStartOfDay(zone);
        ZonedDateTime end = day.plusDays(1).atStartOfDay(zone);
        for (; t.isBefore(end); t = t.plusMinutes(15)) {
            header.append(',').append(t.format(local));
            if (withOffsets) {
                header.append(' ').append(t.getOffset());
            }
            row.append(",1");
        }
        return header + "\n" + row + "\n";
    }
}
