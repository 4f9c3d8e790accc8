package org.hausmeter.ledger.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files as Excel and friends save them: UTF-8 with or without BOM, UTF-16 with BOM, and cp1252 (refused). */
class FileEncodingTest {
    static final Map<String, Long> METERS = Map.of("Wärmepumpe", 7L);
    static final String CSV =
            "meter;timestamp;import_kwh\r\nWärmepumpe;01.01.2025 00:00;1,5\r\nWärmepumpe;01.01.2025 00:15;1,75\r\n";

    @TempDir
    Path dir;

    private ImportReport preview(byte[] bytes) throws Exception {
        Path file = dir.resolve("f.csv");
        Files.write(file, bytes);
        return new MeterCsvImport(METERS, ImportOptions.defaults("f.csv", LongFormatImportTest.BERLIN))
                .preview(ReaderSource.of(file));
    }

    private static byte[] withBom(byte[] bom, String text, Charset charset) {
        byte[] body = text.getBytes(charset);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }

    @Test
    void utf8_withAndWithoutBom_andUtf16WithBom_areRead() throws Exception {
        for (byte[] bytes : new byte[][] {
            CSV.getBytes(StandardCharsets.UTF_8),
            withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, CSV, StandardCharsets.UTF_8),
            withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, CSV, StandardCharsets.UTF_16LE),
            withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, CSV, StandardCharsets.UTF_16BE)
        }) {
            ImportReport report = preview(bytes);
            assertThat(report.problems()).isEmpty();
            assertThat(report.summary().values()).isEqualTo(2);
            assertThat(report.summary().meters()).isEqualTo(1);
        }
    }

    @Test
    void cp1252_asGermanExcelSavesIt_isOneProblem_namingLineAndByteOffset() throws Exception {
        byte[] bytes = CSV.getBytes(Charset.forName("windows-1252"));
        ImportReport report = preview(bytes);
        assertThat(report.ok()).isFalse();
        assertThat(report.problemCount()).isEqualTo(1);
        // "meter;timestamp;import_kwh\r\n" is 28 bytes; the ä of "Wärmepumpe" on line 2 is byte 29.
        assertThat(report.problems().get(0).message())
                .isEqualTo("line 2: the file is not UTF-8: line 2, byte offset 29; save it as CSV UTF-8");
    }

    @Test
    void checkUtf8_refusesNulOverlongSurrogatesAndTruncatedSequences() {
        assertThatThrownBy(() -> FileEncoding.checkUtf8(new ByteArrayInputStream(new byte[] {'a', 0, 'b', 0})))
                .isInstanceOf(FileEncoding.NotUtf8.class)
                .hasMessageContaining("line 1, byte offset 1");
        assertThatThrownBy(() -> FileEncoding.checkUtf8(
                        new ByteArrayInputStream(new byte[] {'a', '\n', (byte) 0xC0, (byte) 0x80})))
                .isInstanceOf(FileEncoding.NotUtf8.class)
                .hasMessageContaining("line 2, byte offset 2");
        assertThatThrownBy(() -> FileEncoding.checkUtf8(
                        new ByteArrayInputStream(new byte[] {'\r', '\n', '\r', (byte) 0xED, (byte) 0xA0, (byte) 0x80})))
                .isInstanceOf(FileEncoding.NotUtf8.class)
                .hasMessageContaining("line 3, byte offset 3");
        assertThatThrownBy(() ->
                        FileEncoding.checkUtf8(new ByteArrayInputStream(new byte[] {'x', (byte) 0xE2, (byte) 0x82})))
                .isInstanceOf(FileEncoding.NotUtf8.class)
                .hasMessageContaining("line 1, byte offset 1");
    }

    @Test
    void checkUtf8_acceptsEveryValidForm() throws Exception {
        FileEncoding.checkUtf8(new ByteArrayInputStream("aä€𝄞\r\n\n".getBytes(StandardCharsets.UTF_8)));
    }
}
