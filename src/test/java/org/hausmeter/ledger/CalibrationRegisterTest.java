package org.hausmeter.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hausmeter.accounts.TestApartments;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.billing.BillRuns;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.ledger.persistence.Calibrations;
import org.hausmeter.ledger.persistence.LedgerChecks;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.support.Leftovers;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.Test;

/**
 * The calibration register through the API, the due list, the CALIBRATION_EXPIRED flag of a bill run, and
 * import-only meters (no bus, never silent, "Import" on the meters page), on a test apartment whose code has a space.
 */
@QuarkusTest
class CalibrationRegisterTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final YearMonth MARCH = YearMonth.of(2026, 3);

    @Inject
    Calibrations calibrations;

    @Inject
    BillRuns runs;

    @Inject
    Bills bills;

    @Inject
    LedgerChecks checks;

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification caretaker() {
        return given().auth().preemptive().basic("hauswart", "hauswart-demo").contentType(ContentType.JSON);
    }

    private static Instant start(YearMonth m) {
        return Intervals.monthStart(m, BERLIN);
    }

    @Test
    void expiredMeterIsListedAndFlaggedByTheBillRun() throws Exception {
        TestApartments.Flat flat = TestApartments.create("Whg cal", Instant.parse("2026-01-01T00:00:00Z"), null);
        assertThat(flat.code()).startsWith("Whg cal-");

        caretaker()
                .body(Map.of("verifiedYear", 2018, "reason", "plate says 2018"))
                .put("/api/meters/{m}/calibration", flat.meter())
                .then()
                .statusCode(200)
                .body("lastValidDay", equalTo("2026-12-31"));
        caretaker()
                .body(Map.of("verifiedYear", 2018, "validUntil", "2026-03-14"))
                .put("/api/meters/{m}/calibration", flat.meter())
                .then()
                .statusCode(400)
                .body("error", containsString("reason"));
        caretaker()
                .body(Map.of("verifiedYear", 2018, "validUntil", "2026-03-14", "reason", "short period"))
                .put("/api/meters/{m}/calibration", flat.meter())
                .then()
                .statusCode(200)
                .body("lastValidDay", equalTo("2026-03-14"));
        caretaker()
                .body(Map.of("verifiedYear", 2018, "reason", "x"))
                .put("/api/meters/{m}/calibration", "no-such-meter")
                .then()
                .statusCode(404);

        // February was valid, March is out of calibration from the 15th.
        assertThat(calibrations.outOfCalibration(flat.apartmentId(), start(MARCH.minusMonths(1)), start(MARCH), BERLIN))
                .isEmpty();
        List<Calibrations.Expired> march =
                calibrations.outOfCalibration(flat.apartmentId(), start(MARCH), start(MARCH.plusMonths(1)), BERLIN);
        assertThat(march)
                .filteredOn(e -> e.meter().equals(flat.meter()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.firstExpiredDay()).isEqualTo(LocalDate.of(2026, 3, 15));
                    assertThat(e.lastValidDay()).isEqualTo(LocalDate.of(2026, 3, 14));
                    assertThat(e.apartmentId()).isEqualTo(flat.apartmentId());
                });

        org.hausmeter.accounts.persistence.Account resident = TestApartments.resident("cal");
        Leftovers.afterClass(List.of("DELETE FROM account WHERE username = '" + resident.username + "'"));
        TestApartments.tenancy(flat, resident, start(MARCH.minusMonths(2)), null);
        runs.run(MARCH, "test");
        runs.run(MARCH, "test");
        // The bill of the flat's March uses the expired meter: its draft is blocked until the caretaker decides.
        StoredBill draft = bills.month(MARCH).stream()
                .filter(b -> b.apartmentCode().equals(flat.code()) && b.isDraft())
                .findFirst()
                .orElseThrow();
        assertThat(bills.flags(MARCH).get(draft.tenancyId()))
                .filteredOn(f -> f.kind().equals(Calibrations.FLAG_KIND) && f.open())
                .singleElement()
                .satisfies(f -> assertThat(f.detail())
                        .contains("[" + flat.meter() + "]")
                        .contains("[2026-03-15]")
                        .contains("[2026-03-14]"));
        assertThatThrownBy(() -> bills.issue(draft.id(), "test"))
                .hasMessageContaining("Calibration expired")
                .hasMessageContaining(flat.meter());
        List<String[]> flags = flags(flat.meter());
        assertThat(flags).hasSize(1);
        assertThat(flags.get(0)[0])
                .isEqualTo(Intervals.dayStart(LocalDate.of(2026, 3, 15), BERLIN).toString());
        assertThat(flags.get(0)[1]).isEqualTo(start(MARCH.plusMonths(1)).toString());
        assertThat(flags.get(0)[2]).contains("[" + flat.meter() + "]").contains("[2026-03-15]");

        // Today (20 November 2026 in the tests) the calibration is long over: listed as expired.
        caretaker()
                .get("/api/calibration/due")
                .then()
                .statusCode(200)
                .body("find { it.meter == '" + flat.meter() + "' }.expired", equalTo(true))
                .body("find { it.meter == '" + flat.meter() + "' }.owner", equalTo(flat.code()));
        // Re-verified until the end of April 2027: due within 6 months, not expired.
        calibrations.set("test", flat.meter(), 2018, LocalDate.of(2027, 4, 30), "re-verified");
        caretaker()
                .get("/api/calibration/due")
                .then()
                .body("find { it.meter == '" + flat.meter() + "' }.expired", equalTo(false))
                .body("find { it.meter == '" + flat.meter() + "' }.lastValidDay", equalTo("2027-04-30"));
        WebSession ct = WebSession.caretaker();
        assertThat(ct.cookies()
                        .get("/caretaker/meters")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("id=\"calibration-due-list\"")
                .contains(flat.meter());
        assertThat(ct.cookies()
                        .get("/caretaker/meters/" + flat.meter())
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("id=\"calibration\"")
                .contains("value=\"2027-04-30\"");
        // A period beyond 6 months is not due.
        calibrations.set("test", flat.meter(), 2018, LocalDate.of(2027, 6, 30), "re-verified again");
        assertThat(calibrations.due(LocalDate.of(2026, 11, 20), 6))
                .noneMatch(d -> d.meter().equals(flat.meter()));

        // The apartment's code has a space; its page is reached with the encoded code (%20), the link to it says so.
        assertThat(ct.cookies().get("/caretaker/meters").then().extract().asString())
                .contains("href=\"/caretaker/apartments/" + flat.code().replace(" ", "%20") + "\"");
        assertThat(ct.cookies()
                        .get("/caretaker/apartments/{code}", flat.code())
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains(flat.code());
    }

    @Test
    void importOnlyMeterHasNoBusAndIsNeverSilent() throws Exception {
        TestApartments.Flat flat = TestApartments.create("Whg imp", Instant.parse("2026-01-01T00:00:00Z"), null);
        String name = "imp-" + flat.apartmentId();
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Meter m = new Meter();
            m.name = name;
            m.importOnly = true;
            m.role = MeterRole.APARTMENT;
            m.apartment = Apartment.findById(flat.apartmentId());
            m.installedAt = Instant.parse("2026-01-01T00:00:00Z");
            m.persist();
            return m.id;
        });
        // The database refuses a polled meter without a bus address.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    Meter m = new Meter();
                    m.name = name + "-bus";
                    m.role = MeterRole.APARTMENT;
                    m.apartment = Apartment.findById(flat.apartmentId());
                    m.installedAt = Instant.parse("2026-01-01T00:00:00Z");
                    m.persist();
                }))
                .hasStackTraceContaining("meter_bus_address");

        // Even a (stray) bus reading three days old does not make it silent.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO meter_reading (meter_id, read_at, import_wh,"
                        + " source) VALUES (?, ?, 1000, 'POLL')")) {
            ps.setLong(1, id);
            ps.setTimestamp(2, java.sql.Timestamp.from(Instant.parse("2026-11-17T09:00:00Z")));
            ps.executeUpdate();
        }
        checks.anomalies();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM review_flag WHERE kind = 'METER_SILENT' AND meter_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
        String page = WebSession.caretaker()
                .cookies()
                .get("/caretaker/meters")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        int row = page.indexOf("/caretaker/meters/" + name + "\"");
        assertThat(row).isPositive();
        String tr = page.substring(row, page.indexOf("</tr>", row));
        assertThat(tr).contains("badge IMPORT").doesNotContain("badge bad").doesNotContain("badge warn");
        assertThat(WebSession.caretaker()
                        .cookies()
                        .get("/caretaker/meters/" + name)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("Import");
    }

    /** The CALIBRATION_EXPIRED flags of a meter: start, end, detail. */
    private List<String[]> flags(String meter) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT f.period_start, f.period_end, f.detail FROM review_flag f"
                                + " JOIN meter m ON m.id = f.meter_id WHERE f.kind = ? AND m.name = ? ORDER BY f.id")) {
            ps.setString(1, Calibrations.FLAG_KIND);
            ps.setString(2, meter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {
                        rs.getTimestamp(1).toInstant().toString(),
                        rs.getTimestamp(2).toInstant().toString(),
                        rs.getString(3)
                    });
                }
            }
        }
        return out;
    }
}
