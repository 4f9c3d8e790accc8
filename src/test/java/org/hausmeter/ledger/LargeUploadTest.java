package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.hausmeter.support.Leftovers;
import org.hausmeter.support.TestMeters;
import org.junit.jupiter.api.Test;

/**
 * A long-layout interval file larger than the old 10 MB limit, generated while it is sent (never held in the test's
 * memory), goes through the import API and is stored whole, each value with its line. Default 25 MB (about 700,000
 * quarter hours, a year of 20 meters); {@code -Dhausmeter.test.upload-mb=110} runs the 100 MB case measured in
 * docs/csv-import.md.
 */
@QuarkusTest
class LargeUploadTest {

    private static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    private static final int QUARTERS_PER_METER = 35_040;

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/api/imports")
    URL imports;

    @Test
    void aFileAbove25MbIsStreamedThroughTheImport_andEveryValueIsStoredWithItsLine() throws Exception {
        long targetBytes = Long.getLong("hausmeter.test.upload-mb", 25) * 1024 * 1024;
        // "big-upload-123456,2023-01-01T00:15:00Z,0.123\n": 40 to 45 bytes a line.
        int meters = (int) (targetBytes / (40L * QUARTERS_PER_METER)) + 1;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < meters; i++) {
            names.add(TestMeters.create("big-upload", START).name);
        }
        Leftovers.afterClass(List.of(
                "DELETE FROM interval_energy WHERE meter_id IN (SELECT id FROM meter WHERE name LIKE 'big-upload-%')",
                "DELETE FROM meter WHERE name LIKE 'big-upload-%'"));

        long started = System.nanoTime();
        HttpURLConnection http =
                (HttpURLConnection) new URL(imports + "?name=big.csv&layout=LONG&zone=UTC").openConnection();
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setChunkedStreamingMode(1 << 16);
        http.setReadTimeout(600_000);
        http.setRequestProperty("Content-Type", "text/csv");
        http.setRequestProperty(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString("hauswart:hauswart-demo".getBytes(StandardCharsets.UTF_8)));
        long bytes = 0;
        long lines = 0;
        try (OutputStream out = new BufferedOutputStream(http.getOutputStream(), 1 << 16)) {
            byte[] header = "meter,timestamp,interval_import_kwh\n".getBytes(StandardCharsets.US_ASCII);
            out.write(header);
            bytes += header.length;
            for (String name : names) {
                for (int q = 0; q < QUARTERS_PER_METER; q++) {
                    byte[] line = (name + "," + START.plusSeconds(900L * q) + ",0." + (100 + q % 900) + "\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    out.write(line);
                    bytes += line.length;
                    lines++;
                }
            }
        }
        int status = http.getResponseCode();
        String answer = new String(
                (status < 400 ? http.getInputStream() : http.getErrorStream()).readAllBytes(), StandardCharsets.UTF_8);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "LargeUploadTest: %,d bytes (%.1f MB), %,d values, %d meters: %.1f s upload, check and store%n",
                bytes, bytes / 1048576.0, lines, meters, seconds);

        assertThat(bytes).isGreaterThan(targetBytes);
        assertThat(status)
                .as(answer.length() > 2000 ? answer.substring(0, 2000) : answer)
                .isEqualTo(200);
        assertThat(answer).contains("\"inserted\":" + lines);
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT e.source_id), min(e.source_position),"
                        + " max(e.source_position), min(s.name), sum(e.import_wh) FROM interval_energy e"
                        + " JOIN meter m ON m.id = e.meter_id JOIN import_source s ON s.id = e.source_id"
                        + " WHERE m.name LIKE 'big-upload-%'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(lines);
            assertThat(rs.getLong(2)).isEqualTo(1);
            assertThat(rs.getLong(3)).isEqualTo(2);
            assertThat(rs.getLong(4)).isEqualTo(lines + 1);
            assertThat(rs.getString(5)).isEqualTo("big.csv");
            long perMeter = 0;
            for (int q = 0; q < QUARTERS_PER_METER; q++) {
                perMeter += 100 + q % 900;
            }
            assertThat(rs.getLong(6)).isEqualTo(perMeter * meters);
        }
    }
}
