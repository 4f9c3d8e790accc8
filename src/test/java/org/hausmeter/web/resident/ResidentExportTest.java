package org.hausmeter.web.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hausmeter.web.resident.ResidentTestData.BERLIN;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.billing.BillRuns;
import org.hausmeter.billing.run.MonthBilling;
import org.hausmeter.energy.ApartmentEnergy;
import org.hausmeter.support.DemoHistory;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The resident's CSV export over HTTP on the day daylight saving time ends (25 October 2026, 100 quarter hours): local
 * time with the offset, German and English separators, the ISO form for scripts, and the solar column equal to the PV
 * the bill run allocates to the apartment in each quarter hour.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResidentExportTest {

    static final LocalDate DST_END = LocalDate.of(2026, 10, 25);
    static final String URL = "/me/export/intervals.csv?from=2026-10-25&to=2026-10-25";

    @Inject
    DemoHistory history;

    @Inject
    AgroalDataSource db;

    @Inject
    BillRuns runs;

    @Inject
    ApartmentEnergy energy;

    /** anna's allocated PV of each quarter hour of the day, as October's bill run has it. */
    private long[] pv;

    @BeforeAll
    void data() throws Exception {
        history.days(DST_END.minusDays(1), DST_END.plusDays(1));
        energy.clear();
        MonthBilling.TenancyBill bill = runs.compute(YearMonth.from(DST_END)).bills().stream()
                .filter(b -> b.period().apartmentCode().equals("A-0.1"))
                .findFirst()
                .orElseThrow();
        int from = (int) ((DST_END.atStartOfDay(BERLIN).toEpochSecond()
                        - bill.period().from().getEpochSecond())
                / 900);
        pv = java.util.Arrays.copyOfRange(bill.request().pvWh(), from, from + 100);
        assertThat(java.util.Arrays.stream(pv).sum())
                .as("an October day has some sun")
                .isPositive();
    }

    private static List<String> lines(Response r) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        return new String(r.asByteArray(), StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void german_isLocalTimeWithOffsets_semicolonsAndDecimalCommas_andTheSolarColumnIsTheAllocation() throws Exception {
        WebSession anna = WebSession.login("anna", "anna-demo");
        List<String> lines = lines(anna.cookies().get(URL));
        assertThat(lines.get(0))
                .isEqualTo("\uFEFFWohnung;Zähler;Beginn (Ortszeit);Abstand zu UTC;Bezug (kWh);Einspeisung (kWh);"
                        + "davon Solarstrom (kWh);Qualität;Quelle");
        List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).as("the 25-hour day").hasSize(100);
        assertThat(rows.get(0)).startsWith("A-0.1;apt-0.1;25.10.2026 00:00;+02:00;");
        assertThat(rows)
                .filteredOn(l -> l.contains(";25.10.2026 02:30;"))
                .extracting(l -> l.split(";")[3])
                .containsExactly("+02:00", "+01:00");
        assertThat(rows.get(99)).contains(";25.10.2026 23:45;+01:00;");
        assertThat(rows).allMatch(l -> l.split(";")[7].equals("gemessen") || l.split(";")[7].equals("geschätzt"));
        long consumed = 0;
        for (int i = 0; i < 100; i++) {
            String[] f = rows.get(i).split(";");
            assertThat(new BigDecimal(f[6].replace(',', '.')).movePointRight(3).longValueExact())
                    .as("solar of quarter hour " + i)
                    .isEqualTo(pv[i]);
            consumed += new BigDecimal(f[4].replace(',', '.')).movePointRight(3).longValueExact();
        }
        assertThat(consumed).isEqualTo(ResidentTestData.wh(db, "A-0.1", DST_END, DST_END.plusDays(1)));
    }

    @Test
    void iso_isUtcWithCommasAndDecimalPoints_andTheSameSolarValues() {
        WebSession anna = WebSession.login("anna", "anna-demo");
        Response r = anna.cookies().get(URL + "&format=iso");
        assertThat(r.header("Content-Disposition")).endsWith("-iso.csv\"");
        List<String> lines = lines(r);
        assertThat(lines.get(0))
                .isEqualTo("apartment,meter,interval_start_utc,import_kwh,export_kwh,solar_kwh,quality,source");
        List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).hasSize(100);
        assertThat(rows.get(0)).startsWith("A-0.1,apt-0.1,2026-10-24T22:00:00Z,");
        assertThat(rows.get(99)).startsWith("A-0.1,apt-0.1,2026-10-25T22:45:00Z,");
        for (int i = 0; i < 100; i++) {
            String[] f = rows.get(i).split(",");
            assertThat(f[6]).isIn("MEASURED", "ESTIMATED");
            assertThat(new BigDecimal(f[5]).movePointRight(3).longValueExact()).isEqualTo(pv[i]);
        }
    }

    @Test
    void english_usesCommasAndDecimalPoints_andThePageLinksBothForms() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("anna").orElseThrow().locale = "en");
        try {
            WebSession anna = WebSession.login("anna", "anna-demo");
            List<String> lines = lines(anna.cookies().get(URL));
            assertThat(lines.get(0)).startsWith("\uFEFFApartment,Meter,Start (local time),Offset from UTC,");
            assertThat(lines.get(1)).startsWith("A-0.1,apt-0.1,25/10/2026 00:00,+02:00,");
            assertThat(lines.get(1).split(",")[4]).matches("\\d+\\.\\d{3}");
            assertThat(lines.get(1).split(",")[7]).isIn("measured", "estimated");
            String page = anna.cookies().get("/me/export").asString();
            assertThat(page)
                    .contains("name=\"format\" value=\"iso\"")
                    .contains("format=iso\" download>The same days for programs (UTC, ISO 8601)</a>");
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> Account.findByUsername("anna").orElseThrow().locale = "de");
        }
        WebSession anna = WebSession.login("anna", "anna-demo");
        assertThat(anna.cookies().get("/me/export").asString())
                .contains("Abstand zu UTC")
                .contains("Derselbe Zeitraum für Programme (UTC, ISO 8601)</a>");
    }
}
