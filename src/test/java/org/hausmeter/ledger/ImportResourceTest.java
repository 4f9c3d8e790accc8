package org.hausmeter.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.hausmeter.ledger.persistence.IntervalQueries;
import org.hausmeter.ledger.persistence.LedgerDerivation;
import org.hausmeter.ledger.persistence.MeterReadings;
import org.hausmeter.support.TestMeters;
import org.junit.jupiter.api.Test;

/** CSV import through the caretaker API: preview lists bad lines, commit is all-or-nothing and idempotent. */
@QuarkusTest
class ImportResourceTest {

    @Inject
    IntervalQueries queries;

    @Inject
    LedgerDerivation derivation;

    @Inject
    MeterReadings readings;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    private static String meter(String prefix) {
        return TestMeters.common(prefix).name;
    }

    private static RequestSpecification caretaker() {
        return given().auth().preemptive().basic("hauswart", "hauswart-demo").contentType("text/csv");
    }

    @Test
    void longFormatCounters_brokenLinesAreListed_andNothingIsStored_untilTheFileIsRight() {
        String m = meter("imp-long");
        String broken = "meter,timestamp,import_kwh,export_kwh\n"
                + m + ",2024-02-01 00:00,100.000,0\n"
                + m + ",2024-02-01 00:15,abc,0\n"
                + "nobody,2024-02-01 00:30,100.200,0\n"
                + m + ",2024-02-01 00:45,99.000,0\n";
        caretaker()
                .queryParam("name", "broken.csv")
                .body(broken)
                .post("/api/imports/preview")
                .then()
                .statusCode(200)
                .body("problemCount", equalTo(3))
                .body("problems.line", org.hamcrest.Matchers.contains(3, 4, 5))
                .body("problems[0].columnName", equalTo("import_kwh"));
        caretaker()
                .queryParam("name", "broken.csv")
                .body(broken)
                .post("/api/imports")
                .then()
                .statusCode(422)
                .body("inserted", equalTo(0));
        assertThat(readings.readings(m, Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-02-02T00:00:00Z")))
                .isEmpty();

        String good = "meter,timestamp,import_kwh,export_kwh\n"
                + m + ",2024-02-01 00:00,100.000,0\n"
                + m + ",2024-02-01 00:15,100.100,0\n"
                + m + ",2024-02-01 00:30,100.250,0\n";
        caretaker()
                .queryParam("name", "good.csv")
                .body(good)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(3))
                .body("alreadyPresent", equalTo(0));
        caretaker()
                .queryParam("name", "good.csv")
                .body(good)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(0))
                .body("alreadyPresent", equalTo(3));
        List<MeterReadings.Reading> stored =
                readings.readings(m, Instant.parse("2024-01-31T00:00:00Z"), Instant.parse("2024-02-02T00:00:00Z"));
        // Local times in the building's zone (Europe/Berlin, UTC+1 in February).
        assertThat(stored)
                .extracting(MeterReadings.Reading::readAt)
                .containsExactly(
                        Instant.parse("2024-01-31T23:00:00Z"),
                        Instant.parse("2024-01-31T23:15:00Z"),
                        Instant.parse("2024-01-31T23:30:00Z"));
        assertThat(stored).extracting(MeterReadings.Reading::importWh).containsExactly(100_000L, 100_100L, 100_250L);
        assertThat(stored).extracting(MeterReadings.Reading::source).containsOnly("IMPORT");
    }

    @Test
    void wideCampusFormat_acrossTheAutumnDstChange_isImportedAsIntervals_thatDerivationKeeps() throws Exception {
        String a = meter("imp-wide-a");
        String b = meter("imp-wide-b");
        // 26 Oct 2025, Berlin: 01:45 local is 23:45Z; the hour 02:00-03:00 exists twice, so headers carry offsets
        // there.
        String csv = "meter,26/10/2025 01:45,26/10/2025 02:00+02:00,26/10/2025 02:00+01:00,26/10/2025 03:00\n"
                + a + ",0.100,0.200,0.300,0.400\n"
                + b + ",1,,2,3.5\n";
        caretaker()
                .queryParam("name", "campus.csv")
                .body(csv)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(7))
                .body("report.summary.layout", equalTo("WIDE"));
        caretaker()
                .queryParam("name", "campus.csv")
                .body(csv)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(0));
        Instant from = Instant.parse("2025-10-25T23:45:00Z");
        Instant to = Instant.parse("2025-10-26T02:15:00Z");
        assertThat(queries.intervals(a, from, to))
                .extracting(IntervalQueries.Interval::start)
                .containsExactly(
                        Instant.parse("2025-10-25T23:45:00Z"), Instant.parse("2025-10-26T00:00:00Z"),
                        Instant.parse("2025-10-26T01:00:00Z"), Instant.parse("2025-10-26T02:00:00Z"));
        assertThat(queries.intervals(b, from, to))
                .extracting(IntervalQueries.Interval::importWh)
                .containsExactly(1000L, 2000L, 3500L);
        derivation.derive(a, from, to);
        assertThat(queries.intervals(a, from, to))
                .extracting(IntervalQueries.Interval::quality)
                .containsOnly(IntervalQuality.IMPORTED);

        String ambiguous = "meter,26/10/2025 02:15\n" + a + ",0.1\n";
        caretaker()
                .queryParam("name", "ambiguous.csv")
                .body(ambiguous)
                .post("/api/imports/preview")
                .then()
                .statusCode(200)
                .body("problems.reason", hasItem(containsString("ambiguous local time [2025-10-26 02:15]")));
    }

    @Test
    void cp1252File_isRefusedWithAClearMessage_notA500() {
        String m = meter("imp-cp1252");
        byte[] body = ("meter;timestamp;import_kwh\n" + m + ";01.02.2024 00:00;1,5 \u00e4\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));
        caretaker()
                .queryParam("name", "excel.csv")
                .body(body)
                .post("/api/imports/preview")
                .then()
                .statusCode(200)
                .body("problemCount", equalTo(1))
                .body("problems[0].reason", containsString("the file is not UTF-8: line 2, byte offset"))
                .body("problems[0].reason", containsString("save it as CSV UTF-8"));
        caretaker()
                .queryParam("name", "excel.csv")
                .body(body)
                .post("/api/imports")
                .then()
                .statusCode(422);
        byte[] utf16 = ("\ufeffmeter;timestamp;import_kwh\n" + m + ";01.02.2024 00:00;1,5\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        caretaker()
                .queryParam("name", "unicode.csv")
                .body(utf16)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(1));
    }

    @Test
    void yearsOutsideThePlausiblePeriod_areRefused_andCreateNoPartition() throws Exception {
        String m = meter("imp-window");
        String csv = "meter,timestamp,import_kwh\n" + m + ",0001-01-01 00:00,1\n" + m + ",9999-12-01 00:00,2\n";
        caretaker()
                .queryParam("name", "fuzz.csv")
                .body(csv)
                .post("/api/imports")
                .then()
                .statusCode(422)
                .body("report.problems.line", org.hamcrest.Matchers.contains(2, 3))
                .body("report.problems[0].reason", containsString("is before meter [" + m + "] was installed"))
                .body("report.problems[1].reason", containsString("outside the accepted period"));
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement(
                        "SELECT count(*) FROM pg_class WHERE relname IN ('meter_reading_y0001m01', 'meter_reading_y9999m12')");
                var rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        // The day after tomorrow (test clock: 20 November 2026) is refused as well; tomorrow is fine.
        caretaker()
                .queryParam("name", "late.csv")
                .body("meter,timestamp,import_kwh\n" + m + ",2026-11-22 00:00,1\n")
                .post("/api/imports/preview")
                .then()
                .statusCode(200)
                .body("problemCount", equalTo(1));
        caretaker()
                .queryParam("name", "late.csv")
                .body("meter,timestamp,import_kwh\n" + m + ",2026-11-21 23:45,1\n")
                .post("/api/imports/preview")
                .then()
                .statusCode(200)
                .body("problemCount", equalTo(0));
    }

    @Test
    void valueBeforeTheMeterWasInstalled_isRefusedNamingMeterAndDate() {
        String m = meter("imp-installed");
        caretaker()
                .queryParam("name", "early.csv")
                .body("meter,timestamp,interval_import_kwh\n" + m + ",2023-12-31 23:45,1\n" + m
                        + ",2024-01-01 01:00,1\n")
                .post("/api/imports")
                .then()
                .statusCode(422)
                .body("report.problemCount", equalTo(1))
                .body("report.problems[0].line", equalTo(2))
                .body(
                        "report.problems[0].reason",
                        equalTo("interval at [2023-12-31 23:45] is before meter [" + m
                                + "] was installed on [2024-01-01 01:00]"));
    }

    @Test
    void importedCounterBelowAStoredReading_isRefusedLikeAManualOne() {
        String m = meter("imp-stored");
        readings.enter("hauswart", m, Instant.parse("2024-03-01T11:00:00Z"), 500_000, null, "monthly");
        readings.enter("hauswart", m, Instant.parse("2024-03-02T11:00:00Z"), 510_000, null, "monthly");
        String csv = "meter,timestamp,import_kwh\n" + m + ",2024-03-01 18:00,499.5\n";
        caretaker()
                .queryParam("name", "stored.csv")
                .body(csv)
                .post("/api/imports")
                .then()
                .statusCode(422)
                .body("report.problems[0].line", equalTo(2))
                .body(
                        "report.problems[0].reason",
                        containsString("counter went backwards: [499.5 kWh] after the stored"
                                + " reading [500 kWh] of meter [" + m + "]"));
        caretaker()
                .body("{\"at\":\"2024-03-01T17:00:00Z\",\"importWh\":499500,\"reason\":\"typed\"}")
                .contentType("application/json")
                .post("/api/meters/" + m + "/readings")
                .then()
                .statusCode(400)
                .body("error", containsString("Counter would go backwards"));
        caretaker()
                .queryParam("name", "stored.csv")
                .body(csv.replace("499.5", "505"))
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(1));
    }
}
