package org.hausmeter.ledger.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A year of 15-minute values for 200 meters in the wide layout (35,040 columns, about 6.8 million values). How
 * fast is the ledger benchmark's {@code csv_import_s}, not a test.
 */
class WideFormatYearTest {
    private static final int METERS = 200;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    @Test
    void yearOf200Meters_commitsWithExactTotals() throws Exception {
        Path file = dir.resolve("campus-2025.csv");
        long[] expectedWh = new long[METERS];
        long expectedValues = write(file, expectedWh);
        Map<String, Long> ids = new HashMap<>();
        for (int m = 0; m < METERS; m++) {
            ids.put("meter-" + m, (long) m);
        }
        var importer = new MeterCsvImport(
                ids, ImportOptions.defaults(file.getFileName().toString(), BERLIN));
        long[] totals = new long[METERS];
        long[] count = {0};
        ImportSink sink = ImportSink.of(
                r -> {
                    throw new AssertionError("no counters in a wide file: " + r);
                },
                v -> {
                    totals[(int) v.meterId()] += v.importWh();
                    count[0]++;
                });

        ImportReport report = importer.commit(ReaderSource.of(file), sink);

        assertThat(report.problems()).isEmpty();
        assertThat(report.summary())
                .isEqualTo(new ImportSummary(
                        ImportOptions.Layout.WIDE,
                        ImportSummary.Kind.INTERVALS,
                        METERS,
                        expectedValues,
                        METERS,
                        Instant.parse("2024-12-31T23:00:00Z"),
                        Instant.parse("2025-12-31T22:45:00Z")));
        assertThat(count[0]).isEqualTo(expectedValues);
        assertThat(totals).containsExactly(expectedWh);
    }

    /** Writes the file (headers with offsets, so the repeated October hour is exact); returns the value count. */
    static long write(Path file, long[] expectedWh) throws Exception {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
        ZonedDateTime start = LocalDate.of(2025, 1, 1).atStartOfDay(BERLIN);
        ZonedDateTime end = LocalDate.of(2026, 1, 1).atStartOfDay(BERLIN);
        long values = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(1 << 20).append("meter,location");
            int columns = 0;
            for (ZonedDateTime t = start; t.isBefore(end); t = t.plusMinutes(15), columns++) {
                line.append(',').append(t.format(local)).append(' ').append(t.getOffset());
            }
            w.append(line).append("\r\n");
            for (int m = 0; m < METERS; m++) {
                line.setLength(0);
                line.append("meter-")
                        .append(m)
                        .append(",\"House A, unit ")
                        .append(m)
                        .append('"');
                for (int c = 0; c < columns; c++) {
                    line.append(',');
                    if ((c + m) % 97 == 0) {
                        continue;
                    }
                    long wh = (m * 7_919L + c * 104_729L) % 4_000;
                    expectedWh[m] += wh;
                    values++;
                    line.append(wh / 1000).append('.');
                    long frac = wh % 1000;
                    line.append(frac < 10 ? "00" : frac < 100 ? "0" : "").append(frac);
                }
                w.append(line).append("\r\n");
            }
        }
        return values;
    }
}
