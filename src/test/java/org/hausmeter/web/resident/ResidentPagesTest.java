package org.hausmeter.web.resident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hausmeter.web.resident.ResidentTestData.BERLIN;
import static org.hausmeter.web.resident.ResidentTestData.JUNE_10;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.accounts.Role;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.billing.BillRuns;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.billing.run.MonthBilling;
import org.hausmeter.energy.ApartmentEnergy;
import org.hausmeter.energy.Energy;
import org.hausmeter.energy.MonthEnergy;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The resident pages over HTTP, as a browser talks to them: own data with figures checked against the ledger
 * and the bill run's PV allocation, 403 for a neighbour's apartment and bills at every URL, anonymous visitors
 * sent to the login, bills and their PDFs, EV sessions, the CSV export, the password change, German and
 * English. Data: {@link ResidentTestData} (June 2026 and June 2025 of the demo building).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResidentPagesTest {

    @jakarta.inject.Inject
    org.hausmeter.support.DemoHistory history;

    @jakarta.inject.Inject
    java.time.Clock clock;

    static final String PW_USER = "pw-resident";
    static final String PW_START = "start-password-1";

    @Inject
    AgroalDataSource db;

    @Inject
    BillRuns runs;

    @Inject
    Bills bills;

    @Inject
    ApartmentEnergy energy;

    private final Fmt de = new Fmt(Locale.GERMAN, BERLIN);

    @BeforeAll
    void data() throws Exception {
        ResidentTestData.ensure(history, db);
        // Other test classes may have changed months this JVM's cache holds (it checks them only every 5 min).
        energy.clear();
        QuarkusTransaction.requiringNew().run(() -> {
            if (Account.findByUsername(PW_USER).isEmpty()) {
                Account a = new Account();
                a.username = PW_USER;
                a.displayName = "Paula Wort";
                a.role = Role.RESIDENT;
                a.passwordHash = PasswordHasher.hash(PW_START);
                a.createdAt = clock.instant();
                a.persist();
            }
        });
    }

    static String text(String html, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("page has " + regex).isTrue();
        return m.group(1);
    }

    static String dayUrl(LocalDate day) {
        return "/me?period=day&date=" + day;
    }

    @Test
    @Order(1)
    void anonymousVisitors_areSentToTheLogin_atEveryResidentUrl() {
        for (String path : List.of(
                "/me",
                "/me?period=week&date=2026-06-10",
                "/me/apartments/A-0.1",
                "/me/bills",
                "/me/bills/1/pdf",
                "/me/charging",
                "/me/export",
                "/me/export/intervals.csv?from=2026-06-10&to=2026-06-10",
                "/me/account")) {
            Response r = given().redirects().follow(false).get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.header("Location")).as(path).endsWith("/login");
        }
    }

    @Test
    @Order(2)
    void aCaretaker_isNotAResident() {
        WebSession.login("hauswart", "hauswart-demo")
                .cookies()
                .get("/me")
                .then()
                .statusCode(403);
    }

    @Test
    @Order(2)
    void anAddressTheServerDoesNotUnderstand_isA400Page() {
        Response r = WebSession.login("anna", "anna-demo").cookies().get("/me?period=decade");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("Ungültige Adresse").contains("Unknown period [decade]");
    }

    @Test
    @Order(3)
    void day_showsTheOwnApartmentsConsumption_solarShareAndCo2_asLedgerAndBillRunHaveThem() throws Exception {
        WebSession anna = WebSession.login("anna", "anna-demo");
        Response r = anna.cookies().get(dayUrl(JUNE_10));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        String html = r.asString();
        long wh = ResidentTestData.wh(db, "A-0.1", JUNE_10, JUNE_10.plusDays(1));
        assertThat(wh).as("simulated consumption of the day").isGreaterThan(1000);
        assertThat(text(html, "id=\"period-total\">([^<]+)<")).isEqualTo(de.kwh(wh, 1));
        // PV share of the day exactly as June's bill run allocates it.
        MonthBilling.TenancyBill bill = runs.compute(YearMonth.of(2026, 6)).bills().stream()
                .filter(b -> b.period().apartmentCode().equals("A-0.1"))
                .findFirst()
                .orElseThrow();
        int from = (int) ((JUNE_10.atStartOfDay(BERLIN).toEpochSecond()
                        - bill.period().from().getEpochSecond())
                / 900);
        long pv = Arrays.stream(bill.request().pvWh(), from, from + 96).sum();
        assertThat(pv).as("a June day has sun").isPositive();
        Energy e = new Energy(wh, pv, true);
        assertThat(text(html, "id=\"period-solar\">([^<]+)<"))
                .isEqualTo("davon " + de.percent(e.solarShare()) + " Solarstrom vom Hausdach");
        assertThat(text(html, "id=\"period-co2\">([^<]+)<"))
                .isEqualTo(de.co2(e.gridCo2Grams(363)) + " CO₂ aus dem Netzstrom");
        assertThat(html)
                .contains("Verbrauch: Mittwoch, 10. Juni 2026")
                .contains("(A-0.1)</h1>")
                .contains("<svg class=\"bars\"")
                .contains("role=\"img\"")
                .contains("363 g je kWh")
                .doesNotContain("A-0.2")
                .doesNotContain("Ben Okafor");
        // 96 quarter hours, each with a tooltip.
        assertThat(html.split("<g><title>", -1).length - 1).isEqualTo(96);
    }

    @Test
    @Order(4)
    void weekMonthAndHourBars_addUpToTheLedger() throws Exception {
        WebSession anna = WebSession.login("anna", "anna-demo");
        String week = anna.cookies().get("/me?period=week&date=2026-06-10").asString();
        assertThat(text(week, "id=\"period-total\">([^<]+)<"))
                .isEqualTo(de.kwh(
                        ResidentTestData.wh(db, "A-0.1", LocalDate.of(2026, 6, 8), LocalDate.of(2026, 6, 15)), 1));
        assertThat(week).contains("KW 24, 08.06.2026 – 14.06.2026");
        String month = anna.cookies().get("/me?period=month&date=2026-06-30").asString();
        assertThat(text(month, "id=\"period-total\">([^<]+)<"))
                .isEqualTo(de.kwh(
                        ResidentTestData.wh(db, "A-0.1", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1)), 1));
        assertThat(month.split("<g><title>", -1).length - 1).as("a bar per day").isEqualTo(30);
        String hours = anna.cookies()
                .get("/me?period=day&date=2026-06-10&resolution=hour")
                .asString();
        assertThat(hours.split("<g><title>", -1).length - 1)
                .as("a bar per hour")
                .isEqualTo(24);
        assertThat(hours).contains("aria-current=\"page\">Stunden</a>");
        // A resolution the period cannot have falls back to its default; nonsense is refused.
        assertThat(anna.cookies()
                        .get("/me?period=day&date=2026-06-10&resolution=month")
                        .statusCode())
                .isEqualTo(200);
        for (String bad : List.of("period=decade", "date=2026-13-01", "resolution=minute", "date=1800-01-01")) {
            assertThat(anna.cookies().get("/me?" + bad).statusCode()).as(bad).isEqualTo(400);
        }
    }

    @Test
    @Order(5)
    void comparison_withTheSameDayLastYear_andTheBuildingsMedianApartment() throws Exception {
        WebSession anna = WebSession.login("anna", "anna-demo");
        String html = anna.cookies().get(dayUrl(JUNE_10)).asString();
        LocalDate lastYear = JUNE_10.minusYears(1);
        long ly = ResidentTestData.wh(db, "A-0.1", lastYear, lastYear.plusDays(1));
        assertThat(text(html, "class=\"last-year\">.*?class=\"value\">([^<]+)<"))
                .isEqualTo(de.kwh(ly, 1));
        long[] all = apartmentsOfTheDay(JUNE_10);
        assertThat(all.length).isGreaterThanOrEqualTo(5);
        long median = ResidentFigures.median(all);
        assertThat(text(html, "class=\"median\">.*?class=\"value\">([^<]+)<")).isEqualTo(de.kwh(median, 1));
        assertThat(html).contains("Der Median von " + all.length + " Wohnungen");
    }

    private long[] apartmentsOfTheDay(LocalDate day) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT sum(e.import_wh) FROM interval_energy e JOIN meter m ON m.id = e.meter_id
                WHERE m.role = 'APARTMENT' AND e.interval_start >= ? AND e.interval_start < ?
                GROUP BY m.apartment_id HAVING sum(e.import_wh) > 0 ORDER BY 1""")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(day.atStartOfDay(BERLIN).toInstant()));
            ps.setTimestamp(
                    2,
                    java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(BERLIN).toInstant()));
            try (ResultSet rs = ps.executeQuery()) {
                List<Long> v = new java.util.ArrayList<>();
                while (rs.next()) {
                    v.add(rs.getLong(1));
                }
                return v.stream().mapToLong(Long::longValue).toArray();
            }
        }
    }

    @Test
    @Order(6)
    void aNeighboursApartment_is403_atThePageAndTheApi() {
        WebSession anna = WebSession.login("anna", "anna-demo");
        anna.cookies()
                .get("/me/apartments/A-0.1?period=day&date=2026-06-10")
                .then()
                .statusCode(200);
        for (String path : List.of(
                "/me/apartments/A-0.2",
                "/me/apartments/A-0.2?period=day&date=2026-06-10",
                "/me/apartments/Z-9.9",
                "/api/me/apartments/A-0.2")) {
            assertThat(anna.cookies().get(path).statusCode()).as(path).isEqualTo(403);
        }
        // A page, not an empty answer, and nothing of the neighbour's.
        String page = anna.cookies().get("/me/apartments/A-0.2").asString();
        assertThat(page).contains("Kein Zugriff").contains("href=\"/me\"").doesNotContain("period-total");
        given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .get("/me/apartments/A-0.2")
                .then()
                .statusCode(403);
        // The JSON API: the caretaker's views of meters, bills and sessions are closed to residents too.
        for (String path : List.of(
                "/api/meters/apt-0.2/intervals?from=2026-06-10T00:00:00Z&to=2026-06-11T00:00:00Z",
                "/api/meters/apt-0.2/readings?from=2026-06-10T00:00:00Z&to=2026-06-11T00:00:00Z",
                "/api/billing/2026-06/bills",
                "/api/chargers/sessions",
                "/api/ledger/review-flags")) {
            assertThat(given().auth()
                            .preemptive()
                            .basic("anna", "anna-demo")
                            .get(path)
                            .statusCode())
                    .as(path)
                    .isEqualTo(403);
            assertThat(anna.cookies().get(path).statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    @Order(7)
    void tenantChange_eachTenantSeesOnlyTheirOwnDays() throws Exception {
        LocalDate handover = ResidentTestData.handover(db);
        WebSession emil = WebSession.login("emil", "emil-demo");
        WebSession fatma = WebSession.login("fatma", "fatma-demo");
        String emilsLastDay = emil.cookies().get(dayUrl(handover.minusDays(1))).asString();
        assertThat(text(emilsLastDay, "id=\"period-total\">([^<]+)<"))
                .isEqualTo(de.kwh(ResidentTestData.wh(db, "A-2.1", handover.minusDays(1), handover), 1));
        assertThat(emil.cookies().get(dayUrl(handover)).asString())
                .contains("id=\"no-data\"")
                .doesNotContain("id=\"period-total\"");
        String fatmasFirstDay = fatma.cookies().get(dayUrl(handover)).asString();
        assertThat(text(fatmasFirstDay, "id=\"period-total\">([^<]+)<"))
                .isEqualTo(de.kwh(ResidentTestData.wh(db, "A-2.1", handover, handover.plusDays(1)), 1));
        assertThat(fatmasFirstDay).contains("Ihre Daten ab " + de.date(handover));
        assertThat(fatma.cookies().get(dayUrl(handover.minusDays(1))).asString())
                .contains("id=\"no-data\"");
        // Fatma's month shows nothing before her move-in, however much the apartment used before.
        String month = fatma.cookies().get("/me?period=month&date=" + handover).asString();
        assertThat(text(month, "id=\"period-total\">([^<]+)<"))
                .isEqualTo(de.kwh(
                        ResidentTestData.wh(
                                db,
                                "A-2.1",
                                handover,
                                handover.withDayOfMonth(1).plusMonths(1)),
                        1));
    }

    @Test
    @Order(8)
    void costSoFar_isTheRunningMonthsDraft_fromTheTariff() {
        WebSession anna = WebSession.login("anna", "anna-demo");
        String html = anna.cookies().get("/me").asString();
        long annaId = QuarkusTransaction.requiringNew()
                .call(() -> Account.findByUsername("anna").orElseThrow().id);
        MonthEnergy.TenancyCost cost = energy.costSoFar("A-0.1", annaId).orElseThrow();
        assertThat(text(html, "id=\"cost\">.*?class=\"value\">([^<]+)<"))
                .isEqualTo(de.money(cost.draft().gross()));
        assertThat(html)
                .contains(de.month(YearMonth.now(clock.withZone(BERLIN))) + ", brutto")
                .contains("Grundpreis");
    }

    @Test
    @Order(9)
    void evSessions_showEnergy_andTheComputedPriceInclVat_untilABillHasIt() {
        WebSession anna = WebSession.login("anna", "anna-demo");
        String html = anna.cookies().get("/me/charging").asString();
        String row = sessionRow(html);
        // June 2026 is over and has had no bill run yet (the next test runs it): not billed, not "provisional".
        assertThat(row)
                .contains(de.kwh(ResidentTestData.SESSION_WH, 2))
                .contains("nicht abgerechnet: Für Juni 2026 gibt es noch keinen Rechnungslauf.")
                .doesNotContain("vorläufig");
        MonthEnergy.EvCost c = energy.evCost(YearMonth.of(2026, 6), sessionId()).orElseThrow();
        assertThat(row)
                .contains(de.money(
                        Fmt.gross(c.net().amount(), c.vatRate().percent()),
                        c.net().currency()));
        assertThat(html).contains("Kosten inkl. USt.");
        // Nobody else's sessions.
        WebSession ben = WebSession.login("ben", "ben-demo1");
        assertThat(ben.cookies().get("/me/charging").asString())
                .doesNotContain(de.dateTime(ResidentTestData.SESSION_START));
    }

    private String sessionRow(String html) {
        return text(
                html, "(<tr>\\s*<td[^>]*>" + Pattern.quote(de.dateTime(ResidentTestData.SESSION_START)) + ".*?</tr>)");
    }

    private long sessionId() {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM charging_session WHERE started_at = ? AND card_uid = '04A1B2C3D4E5F0'")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(ResidentTestData.SESSION_START));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(10)
    void bills_listIssuedBillsAndCancellations_withTheirPdfs_andNobodyElses() {
        YearMonth june = YearMonth.of(2026, 6);
        runs.run(june, "test");
        // On the draft: provisional until the draft is issued.
        WebSession before = WebSession.login("anna", "anna-demo");
        assertThat(sessionRow(before.cookies().get("/me/charging").asString()))
                .contains("vorläufig, bis die Rechnung für Juni 2026 gestellt ist");
        StoredBill annas = bills.issue(draft(june, "A-0.1").id(), "test");
        StoredBill bens = bills.issue(draft(june, "A-0.2").id(), "test");
        WebSession anna = WebSession.login("anna", "anna-demo");
        String html = anna.cookies().get("/me/bills").asString();
        assertThat(html)
                .contains(annas.number())
                .contains(de.money(annas.gross(), java.util.Currency.getInstance("EUR")))
                .contains("01.06.2026 – 30.06.2026")
                .contains(de.kwh(annas.content().consumptionWh(), 1))
                .contains(de.percent(
                        (double) annas.content().pvWh() / annas.content().consumptionWh()))
                .contains("Betrag inkl. USt.")
                .doesNotContain(bens.number());
        Response pdf = anna.cookies().get("/me/bills/" + annas.id() + "/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(pdf.header("Content-Disposition")).contains(annas.fileName());
        assertThat(new String(pdf.asByteArray(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        anna.cookies().get("/me/bills/" + bens.id() + "/pdf").then().statusCode(403);
        anna.cookies().get("/me/bills/99999999/pdf").then().statusCode(403);
        given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .get("/api/billing/bills/" + bens.id() + "/pdf")
                .then()
                .statusCode(403);
        // The EV session is on the bill now.
        assertThat(anna.cookies().get("/me/charging").asString()).contains("auf Rechnung " + annas.number());

        StoredBill storno = bills.cancel(annas.id(), "Zählerstand korrigiert", "test");
        html = anna.cookies().get("/me/bills").asString();
        assertThat(html)
                .contains("Stornorechnung")
                .contains(storno.number())
                .contains("storniert durch " + storno.number())
                .contains("hebt Rechnung " + annas.number() + " auf");
        anna.cookies().get("/me/bills/" + storno.id() + "/pdf").then().statusCode(200);
    }

    private StoredBill draft(YearMonth month, String apartment) {
        return bills.month(month).stream()
                .filter(b -> b.apartmentCode().equals(apartment) && b.isDraft())
                .findFirst()
                .orElseThrow();
    }

    @Test
    @Order(11)
    void export_givesTheOwnQuarterHoursOfTheChosenDays_asCsv() throws Exception {
        WebSession anna = WebSession.login("anna", "anna-demo");
        Response r = anna.cookies().get("/me/export/intervals.csv?from=2026-06-10&to=2026-06-10&format=iso");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        List<String> lines = r.asString().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("apartment,meter,interval_start_utc,import_kwh,export_kwh,solar_kwh,quality,source");
        assertThat(lines).hasSize(97);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("A-0.1,"));
        BigDecimal kwh = lines.subList(1, lines.size()).stream()
                .map(l -> new BigDecimal(l.split(",")[3]))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(kwh.movePointRight(3).longValueExact())
                .isEqualTo(ResidentTestData.wh(db, "A-0.1", JUNE_10, JUNE_10.plusDays(1)));
        assertThat(anna.cookies()
                        .get("/me/export/intervals.csv?from=2026-06-10&to=2026-06-01")
                        .statusCode())
                .isEqualTo(400);
        assertThat(anna.cookies().get("/me/export").asString()).contains("action=\"/me/export/intervals.csv\"");
    }

    @Test
    @Order(12)
    void passwordChange_needsTheCurrentPasswordAndTheCsrfToken_andIsAudited() throws Exception {
        WebSession s = WebSession.login(PW_USER, PW_START);
        String newPassword = "a new passphrase 7";
        // Without the form's token: refused before anything is checked.
        s.cookies()
                .formParam("current", PW_START)
                .formParam("password", newPassword)
                .formParam("repeat", newPassword)
                .post("/me/account/password")
                .then()
                .statusCode(403);
        assertThat(change(s, "wrong-password", newPassword, newPassword).statusCode())
                .isEqualTo(400);
        assertThat(change(s, "wrong-password", newPassword, newPassword).asString())
                .contains("Das bisherige Passwort ist falsch.");
        assertThat(change(s, PW_START, "short", "short").asString()).contains("mindestens 10 Zeichen");
        // bcrypt reads 72 bytes: 37 umlauts (74 bytes) are refused with the reason, not cut without a word.
        String umlauts = "ä".repeat(37);
        Response tooLong = change(s, PW_START, umlauts, umlauts);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.asString())
                .contains("Das neue Passwort ist zu lang: höchstens 72 Byte")
                .contains("bcrypt");
        assertThat(change(s, PW_START, newPassword, newPassword + "x").asString())
                .contains("verschieden");
        assertThat(change(s, PW_START, PW_START, PW_START).asString()).contains("unterscheiden");
        assertThat(WebSession.canLogIn(PW_USER, PW_START))
                .as("unchanged so far")
                .isTrue();
        Response done = change(s, PW_START, newPassword, newPassword);
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.header("Location")).endsWith("/me/account?changed=1");
        assertThat(s.cookies().get(done.header("Location")).asString()).contains("Ihr Passwort ist geändert.");
        assertThat(WebSession.canLogIn(PW_USER, PW_START)).isFalse();
        assertThat(WebSession.canLogIn(PW_USER, newPassword)).isTrue();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM audit_event WHERE action = 'account.password.change' AND actor = ?")) {
            ps.setString(1, PW_USER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    private static Response change(WebSession s, String current, String password, String repeat) {
        return s.cookies()
                .formParam("current", current)
                .formParam("password", password)
                .formParam("repeat", repeat)
                .formParam("_csrf", s.token())
                .post("/me/account/password");
    }

    @Test
    @Order(13)
    void english_hasEnglishTextsNumbersAndDates_andTheChoiceIsSavedWithTheAccount() throws Exception {
        WebSession anna = WebSession.login("anna", "anna-demo");
        try {
            anna.cookies()
                    .formParam("lang", "en")
                    .formParam("back", "/me/account")
                    .formParam("_csrf", anna.token())
                    .post("/lang")
                    .then()
                    .statusCode(303);
            assertThat(QuarkusTransaction.requiringNew()
                            .call(() -> Account.findByUsername("anna").orElseThrow().locale))
                    .isEqualTo("en");
            // The account's language wins over the browser's.
            String html = anna.cookies()
                    .header("Accept-Language", "de")
                    .get(dayUrl(JUNE_10))
                    .asString();
            Fmt en = new Fmt(Locale.ENGLISH, BERLIN);
            long wh = ResidentTestData.wh(db, "A-0.1", JUNE_10, JUNE_10.plusDays(1));
            assertThat(text(html, "id=\"period-total\">([^<]+)<")).isEqualTo(en.kwh(wh, 1));
            assertThat(html)
                    .contains("<html lang=\"en\">")
                    .contains("Consumption: Wednesday, 10 June 2026")
                    .contains("Same period last year")
                    .contains("of it solar power from the roof")
                    .contains("Cost so far");
            assertThat(anna.cookies().get("/me/account").asString())
                    .contains("<option value=\"en\" lang=\"en\" selected>");
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> Account.findByUsername("anna").orElseThrow().locale = "de");
        }
    }
}
