package org.hausmeter.ledger.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated files (fixed seed): every one ends in a report, never an exception, and with the ledger's limits
 * no accepted value lies outside the period (so no partition outside it is ever asked for).
 */
class HostileFilesTest {
    static final ImportLimits LIMITS = ImportLimitsTest.LIMITS;

    @TempDir
    Path dir;

    @Test
    void randomAndMutatedFiles_alwaysGiveAReport_andNothingOutsideThePeriod() throws Exception {
        Random random = new Random(398);
        byte[] valid = """
                meter;timestamp;import_kwh;export_kwh
                apt-1;01.01.2025 00:00;1,5;0
                apt-1;2025-01-01T00:15:00+01:00;1,75;0,1
                apt-2;2025-03-01 00:00;2;
                """.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("f.csv");
        for (int n = 0; n < 400; n++) {
            byte[] bytes;
            if (n % 2 == 0) {
                bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
            } else {
                bytes = valid.clone();
                for (int k = 0; k < 1 + random.nextInt(6); k++) {
                    bytes[random.nextInt(bytes.length)] = (byte)
                            (n % 3 == 0 ? random.nextInt(256) : "0123456789;,.:-\n\"9".charAt(random.nextInt(18)));
                }
            }
            Files.write(file, bytes);
            ImportSink check = ImportSink.of(
                    r -> assertThat(r.readAt()).isBetween(LIMITS.earliest(), LIMITS.latest()),
                    i -> assertThat(i.intervalStart()).isBetween(LIMITS.earliest(), LIMITS.latest()));
            MeterCsvImport importer = new MeterCsvImport(
                    LongFormatImportTest.METERS,
                    ImportOptions.defaults("f.csv", LongFormatImportTest.BERLIN),
                    LIMITS,
                    StoredReadings.NONE);
            ImportReport report = importer.preview(ReaderSource.of(file));
            assertThat(report).isNotNull();
            if (report.ok()) {
                importer.commit(ReaderSource.of(file), check);
            }
        }
    }
}
