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
        caretaker().queryParam("name", "broken.csv").body(broken).post("/api/imports/preview").then().statusCode(200)
                .body("problemCount", equalTo(3))
                .body("problems.line", org.hamcrest.Matchers.contains(3, 4, 5))
                .body("problems[0].columnName", equalTo("import_kwh"));
        caretaker().queryParam("name", "broken.csv").body(broken).post("/api/imports").then().statusCode(422)
                .body("inserted", equalTo(0));
        assertThat(readings.readings(m, Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-02-02T00:00:00Z")))
                .isEmpty();

        String good = "meter,timestamp,import_kwh,export_kwh\n"
                + m + ",2024-02-01 00:00,100.000,0\n"
                + m + ",2024-02-01 00:15,100.100,0\n"
                + m + ",2024-02-01 00:30,100.250,0\n";
        caretaker().queryParam("name", "good.csv").body(good).post("/api/imports").then().statusCode(200)
                .body("inserted", equalTo(3)).body("alreadyPresent", equalTo(0));
        caretaker().queryParam("name", "good.csv").body(good).post("/api/imports").then().statusCode(200)
                .body("inserted", equalTo(0)).body("alreadyPresent", equalTo(3));
        List<MeterReadings.Reading> stored = readings.readings(m, Instant.parse("2024-01-31T00:00:00Z"),
                Instant.parse("2024-02-02T00:00:00Z"));
        // Local times in the building's zone (Europe/Berlin, UTC+1 in February).
        assertThat(stored).extracting(MeterReadings.Reading::readAt).containsExactly(Instant.parse("2024-01-31T23:00:00Z"),
                Instant.parse("2024-01-31T23:15:00Z"), Instant.parse("2024-01-31T23:30:00Z"));
        assertThat(stored).extracting(MeterReadings.Reading::importWh).containsExactly(100_000L, 100_100L, 100_250L);
        assertThat(stored).extracting(MeterReadings.Reading::source).containsOnly("IMPORT");
    }

    @Test
    void wideCampusFormat_acrossTheAutumnDstChange_isImportedAsIntervals_thatDerivationKeeps() throws Exception {
        String a = meter("imp-wide-a");
        String b = meter("imp-wide-b");
        // 26 Oct 2025, Berlin: 01:45 local is 23:45Z; the hour 02:00-03:00 exists twice, so headers carry offsets there.
        String csv = "meter,26/10/2025 01:45,26/10/2025 02:00+02:00,26/10/2025 02:00+01:00,26/10/2025 03:00\n"
                + a + ",0.100,0.200,0.300,0.400\n"
                + b + ",1,,2,3.5\n";
        caretaker().queryParam("name", "campus.csv").body(csv).post("/api/imports").then().statusCode(200)
                .body("inserted", equalTo(7)).body("report.summary.layout", equalTo("WIDE"));
        caretaker().queryParam("name", "campus.csv").body(csv).post("/api/imports").then().statusCode(200)
                .body("inserted", equalTo(0));
        Instant from = Instant.parse("2025-10-25T23:45:00Z");
        Instant to = Instant.parse("2025-10-26T02:15:00Z");
        assertThat(queries.intervals(a, from, to)).extracting(IntervalQueries.Interval::start).containsExactly(
                Instant.parse("2025-10-25T23:45:00Z"), Instant.parse("2025-10-26T00:00:00Z"),
                Instant.parse("2025-10-26T01:00:00Z"), Instant.parse("2025-10-26T02:00:00Z"));
        assertThat(queries.intervals(b, from, to)).extracting(IntervalQueries.Interval::importWh).containsExactly(1000L, 2000L,
                3500L);
        derivation.derive(a, from, to);
        assertThat(queries.intervals(a, from, to)).extracting(IntervalQueries.Interval::quality)
                .containsOnly(IntervalQuality.IMPORTED);

        String ambiguous = "meter,26/10/2025 02:15\n" + a + ",0.1\n";
        caretaker().queryParam("name", "ambiguous.csv").body(ambiguous).post("/api/imports/preview").then().statusCode(200)
                .body("problems.reason", hasItem(containsString("ambiguous local time [2025-10-26 02:15]")));
    }
}
