package org.hausmeter.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.hausmeter.ledger.persistence.IntervalQueries;
import org.hausmeter.ledger.persistence.MeterReadings;
import org.hausmeter.support.TestMeters;
import org.junit.jupiter.api.Test;

/**
 * A later import that disagrees with stored values is a conflict listing both values and their sources: the preview
 * lists it, the commit stores nothing until the caretaker keeps the stored values or replaces them with a reason
 * (audited). Quarter hours carry their file and line; hourly files are refused or spread on request.
 */
@QuarkusTest
class ImportConflictTest {

    @Inject
    IntervalQueries queries;

    @Inject
    MeterReadings readings;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    org.hausmeter.ledger.persistence.LedgerDerivation derivation;

    @TestHTTPResource("/")
    URL base;

    private static RequestSpecification caretaker() {
        return given().auth().preemptive().basic("hauswart", "hauswart-demo").contentType("text/csv");
    }

    @Test
    void counterReadingThatDiffers_isListedInThePreview_andNeverDroppedSilently() throws Exception {
        String m = TestMeters.common("conf-cnt").name;
        String first = "meter,timestamp,import_kwh\n" + m + ",2024-05-01 00:00,100\n" + m + ",2024-05-01 01:00,101\n";
        caretaker()
                .queryParam("name", "first.csv")
                .body(first)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(2));
        String second =
                "meter,timestamp,import_kwh\n" + m + ",2024-05-01 01:00,100.5\n" + m + ",2024-05-01 02:00,102\n";
        caretaker()
                .queryParam("name", "second.csv")
                .body(second)
                .post("/api/imports/preview")
                .then()
                .statusCode(200)
                .body("problemCount", equalTo(0))
                .body("conflictCount", equalTo(1))
                .body("conflicts[0].kind", equalTo("READING"))
                .body("conflicts[0].meter", equalTo(m))
                .body("conflicts[0].at", equalTo("2024-04-30T23:00:00Z"))
                .body("conflicts[0].storedImportWh", equalTo(101_000))
                .body("conflicts[0].storedSource.kind", equalTo("CSV"))
                .body("conflicts[0].storedSource.reference", equalTo("first.csv"))
                .body("conflicts[0].storedSource.position", equalTo(3))
                .body("conflicts[0].storedSource.who", equalTo("hauswart"))
                .body("conflicts[0].newImportWh", equalTo(100_500))
                .body("conflicts[0].newSource.position", equalTo(2));
        // Without a choice: 409, nothing stored, not even the new reading at 02:00.
        caretaker()
                .queryParam("name", "second.csv")
                .body(second)
                .post("/api/imports")
                .then()
                .statusCode(409)
                .body("stored", equalTo(false))
                .body("conflicts[0].storedImportWh", equalTo(101_000));
        Instant from = Instant.parse("2024-04-30T22:00:00Z");
        Instant to = Instant.parse("2024-05-01T02:00:00Z");
        assertThat(readings.readings(m, from, to)).hasSize(2);
        // Replacing needs a reason.
        caretaker()
                .queryParam("name", "second.csv")
                .queryParam("onConflict", "REPLACE")
                .body(second)
                .post("/api/imports")
                .then()
                .statusCode(400)
                .body("error", containsString("reason"));
        // Keep: the stored value stays, the new reading is stored, the answer counts the kept one.
        caretaker()
                .queryParam("name", "second.csv")
                .queryParam("onConflict", "KEEP")
                .body(second)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(1))
                .body("kept", equalTo(1))
                .body("replaced", equalTo(0));
        assertThat(readings.readings(m, from, to))
                .extracting(MeterReadings.Reading::importWh)
                .containsExactly(100_000L, 101_000L, 102_000L);
        // Replace with a reason: the value changes, the audit log has both.
        caretaker()
                .queryParam("name", "second.csv")
                .queryParam("onConflict", "REPLACE")
                .queryParam("reason", "meter photo shows 100.5")
                .body(second)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("replaced", equalTo(1))
                .body("unchanged", equalTo(1));
        assertThat(readings.readings(m, from, to))
                .extracting(MeterReadings.Reading::importWh)
                .containsExactly(100_000L, 100_500L, 102_000L);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT reason, before::text, after::text FROM audit_event"
                        + " WHERE action = 'import.replace' AND before::text LIKE ? ORDER BY id DESC LIMIT 1")) {
            ps.setString(1, "%" + m + "%");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("meter photo shows 100.5");
                assertThat(rs.getString(2)).contains("101000").contains("first.csv");
                assertThat(rs.getString(3)).contains("100500").contains("second.csv");
            }
        }
    }

    @Test
    void replacingAReadingSoThatTheCounterGoesBackwards_isRefusedWhole() {
        String m = TestMeters.common("conf-back").name;
        String first = "meter,timestamp,import_kwh\n" + m + ",2024-05-02 00:00,100\n" + m + ",2024-05-02 01:00,101\n"
                + m + ",2024-05-02 02:00,102\n";
        caretaker()
                .queryParam("name", "a.csv")
                .body(first)
                .post("/api/imports")
                .then()
                .statusCode(200);
        caretaker()
                .queryParam("name", "b.csv")
                .queryParam("onConflict", "REPLACE")
                .queryParam("reason", "typo")
                .body("meter,timestamp,import_kwh\n" + m + ",2024-05-02 01:00,103\n")
                .post("/api/imports")
                .then()
                .statusCode(400)
                .body("error", containsString("counter go backwards"));
        assertThat(readings.readings(m, Instant.parse("2024-05-01T22:00:00Z"), Instant.parse("2024-05-02T01:00:00Z"))
                        .get(1)
                        .importWh())
                .isEqualTo(101_000L);
    }

    @Test
    void quarterHoursKnowTheirFileAndLine_aDifferingValueIsAConflict() {
        String m = TestMeters.common("conf-iv").name;
        String first =
                "meter,timestamp,interval_import_kwh\n" + m + ",2024-06-01 00:00,0.1\n" + m + ",2024-06-01 00:15,0.2\n";
        caretaker()
                .queryParam("name", "datei.csv")
                .body(first)
                .post("/api/imports")
                .then()
                .statusCode(200);
        Instant from = Instant.parse("2024-05-31T22:00:00Z");
        Instant to = Instant.parse("2024-05-31T23:00:00Z");
        List<IntervalQueries.Interval> rows = queries.intervals(m, from, to);
        assertThat(rows)
                .extracting(i -> i.source().toString())
                .containsExactly("CSV [datei.csv] line [2]", "CSV [datei.csv] line [3]");
        String other = "meter,timestamp,interval_import_kwh\n" + m + ",2024-06-01 00:15,0.25\n";
        caretaker()
                .queryParam("name", "other.csv")
                .body(other)
                .post("/api/imports/preview")
                .then()
                .statusCode(200)
                .body("conflictCount", equalTo(1))
                .body("conflicts[0].kind", equalTo("INTERVAL"))
                .body("conflicts[0].storedImportWh", equalTo(200))
                .body("conflicts[0].storedSource.position", equalTo(3))
                .body("conflicts[0].newImportWh", equalTo(250));
        caretaker()
                .queryParam("name", "other.csv")
                .body(other)
                .post("/api/imports")
                .then()
                .statusCode(409);
        caretaker()
                .queryParam("name", "other.csv")
                .queryParam("onConflict", "REPLACE")
                .queryParam("reason", "operator's corrected file")
                .body(other)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("replaced", equalTo(1));
        assertThat(queries.intervals(m, from, to))
                .extracting(i -> i.importWh() + " " + i.source())
                .containsExactly("100 CSV [datei.csv] line [2]", "250 CSV [other.csv] line [2]");
    }

    @Test
    void hourlyWideFile_isRefusedNamingTheResolution_orSpreadOnRequestAsEstimated() {
        String m = TestMeters.common("conf-hourly").name;
        String csv = "meter;03.06.2024 10:00;03.06.2024 11:00\n" + m + ";1;2\n";
        caretaker()
                .queryParam("name", "hourly.csv")
                .body(csv)
                .post("/api/imports")
                .then()
                .statusCode(422)
                .body("report.summary.resolution.seconds", equalTo(3600))
                .body("report.problems[0].reason", containsString("values are hourly"));
        caretaker()
                .queryParam("name", "hourly.csv")
                .queryParam("spread", "true")
                .body(csv)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(8));
        List<IntervalQueries.Interval> rows =
                queries.intervals(m, Instant.parse("2024-06-03T08:00:00Z"), Instant.parse("2024-06-03T10:00:00Z"));
        assertThat(rows).hasSize(8).allMatch(i -> i.quality() == IntervalQuality.ESTIMATED);
        assertThat(rows)
                .extracting(IntervalQueries.Interval::importWh)
                .containsExactly(250L, 250L, 250L, 250L, 500L, 500L, 500L, 500L);
        assertThat(rows.get(0).source().toString()).isEqualTo("CSV [hourly.csv] line [2]");
    }

    @Test
    void anUploadAboveTheLimit_isAnswered413WithATextNamingTheLimit_beforeTheBodyIsSent() throws Exception {
        // Announce 300 MB and send nothing: the answer must come from the headers alone.
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/imports?name=big.csv HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                            + "Accept-Language: en\r\nContent-Length: " + 300L * 1024 * 1024 + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).as("answer ends before its headers: " + head).isNotNegative();
                head.append((char) b);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                    .matcher(head);
            assertThat(length.find()).as(head.toString()).isTrue();
            String answer = head + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer)
                    .contains("The file is too large (300 MB): at most 200 MB are accepted (setting"
                            + " hausmeter.import.max-upload-mb).");
        }
    }

    @Test
    void quarterHoursDerivedFromImportedOrTypedCounters_nameTheReadingsSource_notThePoller() throws Exception {
        String m = TestMeters.common("conf-derived").name;
        String counters = "meter,timestamp,import_kwh\n" + m + ",2024-09-02 10:00,10\n" + m + ",2024-09-02 10:15,10.1\n"
                + m + ",2024-09-02 10:30,10.3\n";
        caretaker()
                .queryParam("name", "zaehler.csv")
                .body(counters)
                .post("/api/imports")
                .then()
                .statusCode(200);
        readings.enter("hauswart", m, Instant.parse("2024-09-02T08:45:00Z"), 10_600, null, "read on site");
        Instant from = Instant.parse("2024-09-02T08:00:00Z");
        Instant to = Instant.parse("2024-09-02T09:00:00Z");
        derivation.derive(m, from, to);
        assertThat(queries.intervals(m, from, to))
                .extracting(i -> i.importWh() + " " + i.quality() + " " + i.source())
                .containsExactly(
                        "100 MEASURED CSV [zaehler.csv] line [3]",
                        "200 MEASURED CSV [zaehler.csv] line [4]",
                        "300 MEASURED manual");
    }
}
