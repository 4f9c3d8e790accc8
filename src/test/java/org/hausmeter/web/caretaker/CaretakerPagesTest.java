package org.hausmeter.web.caretaker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.hausmeter.accounts.TestApartments;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.ledger.persistence.MeterReadings;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every caretaker page over HTTP as a browser session: real data from the demo building (May 2026 simulated for
 * billing), 403 for a resident, 403 for a form without the CSRF token, refusals shown on the page with the
 * status the JSON API would give, changes made and shown after the redirect.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaretakerPagesTest {

    @jakarta.inject.Inject
    org.hausmeter.support.DemoHistory history;

    static final YearMonth MAY = YearMonth.of(2026, 5);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Inject
    Bills bills;

    @Inject
    MeterReadings readings;

    @Inject
    AgroalDataSource db;

    WebSession caretaker;
    private final List<TestApartments.Flat> flats = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void removeFlats() {
        flats.forEach(TestApartments::remove);
        flats.clear();
    }

    private TestApartments.Flat flat(String prefix) {
        TestApartments.Flat f = TestApartments.create(
                prefix, Instant.parse("2026-05-31T22:00:00Z"), Instant.parse("2026-06-30T22:00:00Z"));
        flats.add(f);
        return f;
    }

    @BeforeAll
    void may() throws Exception {
        history.month(MAY);
    }

    @BeforeEach
    void login() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
        caretaker = WebSession.caretaker();
    }

    static final List<String> PAGES = List.of(
            "/caretaker",
            "/caretaker/meters",
            "/caretaker/meters/apt-1.2",
            "/caretaker/flags",
            "/caretaker/apartments",
            "/caretaker/apartments/A-2.1",
            "/caretaker/residents",
            "/caretaker/residents/anna",
            "/caretaker/chargers",
            "/caretaker/tariffs",
            "/caretaker/billing?month=2026-05",
            "/caretaker/billing/2026-05/report",
            "/caretaker/billing/2026-05/keys",
            "/caretaker/import",
            "/caretaker/audit",
            "/caretaker/settings");

    @Test
    void everyPage_showsTheBuildingsRealData_toTheCaretaker() {
        String overview = page("/caretaker");
        assertThat(overview)
                .contains("Hauswart-Übersicht")
                .contains("Wallbox Garage 1")
                .contains("rtu0");
        assertThat(page("/caretaker/meters"))
                .contains("apt-0.1")
                .contains("grid")
                .contains("eastron-sdm120")
                .contains("PV-Anlage")
                .contains("Netzanschluss");
        assertThat(page("/caretaker/meters/apt-1.2?day=2026-05-12"))
                .contains("Zähler apt-1.2")
                .contains("<path d=\"M")
                .contains("96 Viertelstunden")
                .contains("12.05.2026");
        assertThat(page("/caretaker/apartments"))
                .contains("A-2.1")
                .contains("Fatma Demir")
                .contains("Anna Berger");
        assertThat(page("/caretaker/apartments/A-2.1"))
                .contains("Emil Novak")
                .contains("Fatma Demir")
                .contains("apt-2.1");
        assertThat(page("/caretaker/residents")).contains("Katya Ivanova").contains("katya");
        assertThat(page("/caretaker/residents/anna")).contains("04A1B2C3D4E501").contains("A-0.1");
        assertThat(page("/caretaker/chargers"))
                .contains("Wallbox Garage 2")
                .contains("heidelberg-energy-control")
                .contains("Simuliertes Auto");
        assertThat(page("/caretaker/tariffs"))
                .contains("Gültig ab 01.01.2025")
                .contains("0,3320\u00a0€/kWh")
                .contains("HT");
        assertThat(page("/caretaker/settings"))
                .contains("Genossenschaft Lindenhof")
                .contains("Europe/Berlin")
                .contains("Amtsgericht");
        assertThat(page("/caretaker/import")).contains("enctype=\"multipart/form-data\"");
        assertThat(page("/caretaker/audit")).contains("tariff.create");
        // The co-op report and the key comparison of a month with data.
        assertThat(page("/caretaker/billing/2026-05/report"))
                .contains("PV erzeugt")
                .contains("Einspeisevergütung")
                .contains("A-3.1")
                .contains("<rect");
        String keys = page("/caretaker/billing/2026-05/keys");
        assertThat(keys)
                .contains("Dynamisch (nach Verbrauch)")
                .contains("Gleiche Anteile mit Umverteilung")
                .contains("A-5.2")
                .contains("gilt jetzt")
                .contains("<rect");
        for (String p : PAGES) {
            caretaker
                    .cookies()
                    .get(p)
                    .then()
                    .statusCode(200)
                    .header("Content-Type", containsString("text/html"))
                    .body(not(containsString("Exception")));
        }
    }

    @Test
    void englishPages_useEnglishTextsAndBritishNumbers() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "en");
        try {
            assertThat(page("/caretaker")).contains("Caretaker overview").contains("Draft bills");
            assertThat(page("/caretaker/tariffs"))
                    .contains("Valid from 1 Jan 2025")
                    .contains("€0.3320/kWh");
            assertThat(page("/caretaker/billing/2026-05/keys")).contains("Allocation keys compared, May 2026");
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
        }
    }

    @Test
    void aResident_isRefusedEveryPageAndForm_andAnonymousIsSentToTheLogin() {
        WebSession anna = WebSession.login("anna", "anna-demo");
        for (String p : PAGES) {
            anna.cookies().get(p).then().statusCode(403);
            given().redirects()
                    .follow(false)
                    .get(p)
                    .then()
                    .statusCode(302)
                    .header("Location", containsString("/login"));
        }
        anna.form().post("/caretaker/billing/2026-05/run").then().statusCode(403);
        anna.form()
                .formParam("displayName", "X")
                .formParam("username", "evil")
                .post("/caretaker/residents")
                .then()
                .statusCode(403);
    }

    @Test
    void formsWithoutTheCsrfToken_areRefused() {
        for (String p : List.of(
                "/caretaker/billing/2026-05/run",
                "/caretaker/billing/2026-05/issue",
                "/caretaker/settings",
                "/caretaker/tariffs",
                "/caretaker/residents",
                "/caretaker/meters/apt-0.1/readings",
                "/caretaker/flags/check",
                "/caretaker/chargers/ch-1/tap",
                "/caretaker/apartments/A-0.1/handover")) {
            caretaker.cookies().formParam("reason", "x").post(p).then().statusCode(403);
            caretaker
                    .cookies()
                    .formParam("_csrf", "forged")
                    .formParam("reason", "x")
                    .post(p)
                    .then()
                    .statusCode(403);
        }
    }

    @Test
    void billing_runAdjustIssueCancel_throughTheForms() throws Exception {
        Response run = caretaker.form().post("/caretaker/billing/2026-05/run");
        assertThat(run.statusCode()).isEqualTo(303);
        assertThat(run.header("Location"))
                .contains("/caretaker/billing?month=2026-05")
                .contains("done=run");
        caretaker
                .follow(run)
                .then()
                .statusCode(200)
                .body(containsString("Abrechnung gerechnet"))
                .body(containsString("Mai 2026"))
                .body(containsString("data-apartment=\"A-4.1\" data-status=\"DRAFT\""));
        StoredBill draft = bills.month(MAY).stream()
                .filter(b -> b.apartmentCode().equals("A-4.1") && b.isDraft())
                .findFirst()
                .orElseThrow();
        // An adjustment without a reason is refused on the bill page, with what was typed kept.
        caretaker
                .form()
                .formParam("reason", "")
                .formParam("net", "-12,50")
                .formParam("vatPercent", "19")
                .post("/caretaker/billing/bills/" + draft.id() + "/adjustments")
                .then()
                .statusCode(400)
                .body(containsString("Ein Korrekturposten braucht einen Grund."))
                .body(containsString("value=\"-12,50\""));
        caretaker
                .form()
                .formParam("reason", "Gutschrift")
                .formParam("net", "12.345")
                .post("/caretaker/billing/bills/" + draft.id() + "/adjustments")
                .then()
                .statusCode(400)
                .body(containsString("kein Betrag"));
        Response adjusted = caretaker
                .form()
                .formParam("reason", "Gutschrift Waschküche")
                .formParam("net", "-12,50")
                .formParam("vatPercent", "19")
                .post("/caretaker/billing/bills/" + draft.id() + "/adjustments");
        assertThat(adjusted.statusCode()).isEqualTo(303);
        String billPage = caretaker.follow(adjusted).asString();
        assertThat(billPage)
                .contains("Korrekturposten hinzugefügt")
                .contains("Gutschrift Waschküche")
                .contains("-12,50\u00a0€");
        StoredBill newDraft = bills.month(MAY).stream()
                .filter(b -> b.apartmentCode().equals("A-4.1") && b.isDraft())
                .findFirst()
                .orElseThrow();
        assertThat(newDraft.net()).isEqualByComparingTo(draft.net().subtract(new java.math.BigDecimal("12.50")));
        // Issue it, see the number, cancel it: the cancellation and a new draft are listed.
        Response issued = caretaker.form().post("/caretaker/billing/bills/" + newDraft.id() + "/issue");
        assertThat(issued.statusCode()).isEqualTo(303);
        String number = bills.get(newDraft.id()).number();
        assertThat(number).matches("2026-\\d{4}");
        caretaker
                .follow(issued)
                .then()
                .body(containsString("Rechnung " + number + " ausgestellt"))
                .body(containsString("Rechnung stornieren"));
        caretaker
                .form()
                .formParam("reason", " ")
                .formParam("confirmed", "yes")
                .post("/caretaker/billing/bills/" + newDraft.id() + "/cancel")
                .then()
                .statusCode(400)
                .body(containsString("Eine Stornierung braucht einen Grund."));
        Response cancelled = caretaker
                .form()
                .formParam("reason", "Zählerstand falsch")
                .formParam("confirmed", "yes")
                .post("/caretaker/billing/bills/" + newDraft.id() + "/cancel");
        assertThat(cancelled.statusCode()).isEqualTo(303);
        String month = caretaker.follow(cancelled).asString();
        assertThat(month)
                .contains("Rechnung " + number + " storniert mit Stornorechnung")
                .contains("data-apartment=\"A-4.1\" data-status=\"CANCELLED\"")
                .contains("data-apartment=\"A-4.1\" data-status=\"ISSUED\" data-kind=\"CANCELLATION\"")
                .contains("ersetzt " + number);
        // Cancelling twice is refused with the service's reason, as a 409 page.
        caretaker
                .form()
                .formParam("reason", "again")
                .formParam("confirmed", "yes")
                .post("/caretaker/billing/bills/" + newDraft.id() + "/cancel")
                .then()
                .statusCode(409)
                .body(containsString("wurde schon durch"));
        // The future has no bills to run.
        caretaker
                .form()
                .post("/caretaker/billing/2099-01/run")
                .then()
                .statusCode(400)
                .body(containsString("Der Monat Januar 2099 hat noch nicht begonnen."));
    }

    @Test
    void issueAllAndCancel_needTheirConfirmationBox_withoutJavaScript() {
        caretaker.form().post("/caretaker/billing/2026-05/run").then().statusCode(303);
        List<StoredBill> before = bills.month(MAY);
        assertThat(before).anyMatch(StoredBill::isDraft);
        assertThat(page("/caretaker/billing?month=2026-05"))
                .contains(
                        "<input type=\"checkbox\" name=\"confirmed\" value=\"yes\" required id=\"issue-all-confirm\">")
                .contains("Rechnungen jetzt ausstellen. Ausgestellte Rechnungen lassen sich nur noch stornieren.");
        caretaker
                .form()
                .post("/caretaker/billing/2026-05/issue")
                .then()
                .statusCode(400)
                .body(containsString("Bitte zuerst das Kästchen zur Bestätigung ankreuzen. Es wurde nichts geändert."));
        StoredBill some = before.get(0);
        caretaker
                .form()
                .formParam("reason", "Zählerstand falsch")
                .post("/caretaker/billing/bills/" + some.id() + "/cancel")
                .then()
                .statusCode(400)
                .body(containsString("Bitte zuerst das Kästchen zur Bestätigung ankreuzen."));
        assertThat(bills.month(MAY))
                .as("nothing issued or cancelled")
                .extracting(StoredBill::id, StoredBill::status)
                .containsExactlyInAnyOrderElementsOf(before.stream()
                        .map(b -> org.assertj.core.groups.Tuple.tuple(b.id(), b.status()))
                        .toList());
    }

    @Test
    void issueAll_leavesTheDraftsItCannotIssue_andNamesThemWithTheReason() throws Exception {
        // No apartment meter has a reading within 7 days of May's ends: no bill can show its counters.
        String near = """
                meter_id IN (SELECT id FROM meter WHERE role = 'APARTMENT')
                AND (read_at BETWEEN '2026-04-23' AND '2026-05-08' OR read_at BETWEEN '2026-05-24' AND '2026-06-08')""";
        try (java.sql.Connection c = db.getConnection()) {
            c.createStatement().execute("CREATE TABLE saved_may_readings AS SELECT * FROM meter_reading WHERE " + near);
            c.createStatement().executeUpdate("DELETE FROM meter_reading WHERE " + near);
        }
        try {
            caretaker
                    .form()
                    .formParam("confirmed", "yes")
                    .post("/caretaker/billing/2026-05/issue")
                    .then()
                    .statusCode(200)
                    .body(containsString("Nicht ausgestellt (bleiben Entwürfe)"))
                    .body(containsString("A-0.1: Apartment A-0.1 has no meter reading near"));
            assertThat(bills.month(MAY))
                    .filteredOn(b -> b.apartmentCode().equals("A-0.1"))
                    .isNotEmpty()
                    .allMatch(StoredBill::isDraft);
        } finally {
            try (java.sql.Connection c = db.getConnection()) {
                c.createStatement().executeUpdate("INSERT INTO meter_reading SELECT * FROM saved_may_readings");
                c.createStatement().execute("DROP TABLE saved_may_readings");
            }
        }
    }

    @Test
    void meterReading_withoutReasonOrGoingBackwards_isRefused_andAValidOneIsStoredAndAudited() throws Exception {
        TestApartments.Flat flat = flat("PG");
        String path = "/caretaker/meters/" + flat.meter() + "/readings";
        caretaker
                .form()
                .formParam("at", "2026-06-10T12:00")
                .formParam("importKwh", "1234,5")
                .formParam("reason", "")
                .post(path)
                .then()
                .statusCode(400)
                .body(containsString("reason is required"))
                .body(containsString("value=\"1234,5\""));
        caretaker
                .form()
                .formParam("at", "10.06.2026")
                .formParam("importKwh", "1")
                .formParam("reason", "x")
                .post(path)
                .then()
                .statusCode(400)
                .body(containsString("ist kein Zeitpunkt"));
        caretaker
                .form()
                .formParam("at", "2026-06-10T12:00")
                .formParam("importKwh", "12,3456")
                .formParam("reason", "x")
                .post(path)
                .then()
                .statusCode(400)
                .body(containsString("höchstens 3 Nachkommastellen"));
        Response ok = caretaker
                .form()
                .formParam("at", "2026-06-10T12:00")
                .formParam("importKwh", "1234,5")
                .formParam("reason", "Ablesung vor Ort")
                .post(path);
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.header("Location")).endsWith("?day=2026-06-10&done=reading_entered");
        caretaker
                .follow(ok)
                .then()
                .body(containsString("Zählerstand gespeichert"))
                .body(containsString("1.234,500 kWh"));
        assertThat(readings.readings(
                        flat.meter(), Instant.parse("2026-06-10T10:00:00Z"), Instant.parse("2026-06-10T10:00:01Z")))
                .extracting(MeterReadings.Reading::importWh)
                .containsExactly(1_234_500L);
        caretaker
                .form()
                .formParam("at", "2026-06-11T12:00")
                .formParam("importKwh", "1000")
                .formParam("reason", "Tippfehler")
                .post(path)
                .then()
                .statusCode(400)
                .body(containsString("backwards"));
        caretaker
                .cookies()
                .get("/caretaker/audit?subject=" + flat.meter())
                .then()
                .body(containsString("reading.enter"))
                .body(containsString("Ablesung vor Ort"));
    }

    @Test
    void handover_throughTheApartmentPage_changesTheTenant_andShowsTheReading() {
        TestApartments.Flat flat = flat("PH");
        Account old = TestApartments.resident("pho");
        Account fresh = TestApartments.resident("phn");
        TestApartments.tenancy(flat, old, Instant.parse("2026-05-31T22:00:00Z"), null);
        String path = "/caretaker/apartments/" + flat.code() + "/handover";
        caretaker
                .form()
                .formParam("day", "2026-06-16")
                .formParam("resident", "")
                .post(path)
                .then()
                .statusCode(400)
                .body(containsString("Wer zieht ein"));
        Response r = caretaker
                .form()
                .formParam("day", "2026-06-16")
                .formParam("resident", fresh.username)
                .formParam("importKwh", "2000")
                .post(path);
        assertThat(r.statusCode()).isEqualTo(303);
        String page = caretaker.follow(r).asString();
        assertThat(page)
                .contains("Übergabe gespeichert. Zählerstand bei der Übergabe: 2.000,000 kWh")
                .contains("Die Abrechnung Juni 2026 muss neu gerechnet werden")
                .contains(fresh.displayName);
        List<Instant> moveOuts = QuarkusTransaction.requiringNew()
                .call(() -> Tenancy.<Tenancy>list("resident.id = ?1", old.id).stream()
                        .map(t -> t.moveOut)
                        .toList());
        assertThat(moveOuts)
                .containsExactly(LocalDate.of(2026, 6, 16).atStartOfDay(BERLIN).toInstant());
        // Moving the new tenant out again, with nobody following ("-": vacant on purpose).
        caretaker
                .form()
                .formParam("day", "2026-06-20")
                .formParam("resident", "-")
                .post(path)
                .then()
                .statusCode(303);
        caretaker.cookies().get("/caretaker/apartments").then().body(containsString(flat.code()));
    }

    @Test
    void newResident_getsAPasswordShownOnce_thatLogsIn_andCardsAreRegisteredAndBlocked() {
        String name = "pr" + Long.toString(System.nanoTime() % 1_000_000, 36);
        caretaker
                .form()
                .formParam("displayName", "Ria Probe")
                .formParam("username", "Not Valid!")
                .formParam("locale", "de")
                .post("/caretaker/residents")
                .then()
                .statusCode(400)
                .body(containsString("Username"))
                .body(containsString("value=\"Ria Probe\""));
        Response created = caretaker
                .form()
                .formParam("displayName", "Ria Probe")
                .formParam("username", name)
                .formParam("email", "")
                .formParam("locale", "en")
                .post("/caretaker/residents");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"password\">([A-Za-z0-9]{12})<")
                .matcher(created.asString());
        assertThat(m.find()).as("password shown").isTrue();
        WebSession ria = WebSession.login(name, m.group(1));
        ria.cookies().get("/caretaker").then().statusCode(403);
        // A card: a random ID is refused with the explanation; a proper UID is registered, blocked with a reason.
        String uid = "04C0FFEE" + String.format("%06X", System.nanoTime() & 0xFFFFFF);
        caretaker
                .form()
                .formParam("uid", "08123456")
                .post("/caretaker/residents/" + name + "/cards")
                .then()
                .statusCode(400)
                .body(containsString("neue Zufallsnummer"));
        caretaker
                .form()
                .formParam("uid", uid)
                .formParam("label", "Schlüsselanhänger")
                .formParam("expiresOn", "2027-12-31")
                .post("/caretaker/residents/" + name + "/cards")
                .then()
                .statusCode(303);
        caretaker
                .cookies()
                .get("/caretaker/residents/" + name)
                .then()
                .body(containsString(uid))
                .body(containsString("Schlüsselanhänger"));
        caretaker
                .form()
                .formParam("reason", "")
                .post("/caretaker/residents/" + name + "/cards/" + uid + "/block")
                .then()
                .statusCode(400)
                .body(containsString("Zum Sperren einer Karte bitte einen Grund angeben."));
        caretaker
                .form()
                .formParam("reason", "verloren")
                .post("/caretaker/residents/" + name + "/cards/" + uid + "/block")
                .then()
                .statusCode(303);
        caretaker
                .cookies()
                .get("/caretaker/residents/" + name)
                .then()
                .body(containsString("gesperrt"))
                .body(containsString("verloren"));
        // A tap with the blocked card is refused, and the decision log says why.
        Response tap = caretaker.form().formParam("uid", uid).post("/caretaker/chargers/ch-2/tap");
        assertThat(tap.statusCode()).isEqualTo(303);
        caretaker.follow(tap).then().body(containsString("Antippen: abgelehnt (Karte gesperrt)"));
    }

    @Test
    void reviewFlag_isResolvedWithANote() throws Exception {
        long id;
        try (var c = db.getConnection();
                var ps = c.prepareStatement(
                        "INSERT INTO review_flag (kind, meter_id, period_start,"
                                + " period_end, detail) VALUES ('CONSUMPTION_JUMP', (SELECT id FROM meter WHERE name = 'apt-3.2' AND removed_at"
                                + " IS NULL), '2026-05-03T00:00:00Z', '2026-05-04T00:00:00Z', 'page test finding') RETURNING id")) {
            var rs = ps.executeQuery();
            rs.next();
            id = rs.getLong(1);
        }
        assertThat(page("/caretaker/flags"))
                .contains("page test finding")
                .contains("Verbrauchssprung")
                .contains("/caretaker/meters/apt-3.2?day=2026-05-03");
        caretaker
                .form()
                .formParam("note", "")
                .post("/caretaker/flags/" + id + "/resolve")
                .then()
                .statusCode(400)
                .body(containsString("needs a note"));
        caretaker
                .form()
                .formParam("note", "Sauna-Wochenende, plausibel")
                .post("/caretaker/flags/" + id + "/resolve")
                .then()
                .statusCode(303)
                .header("Location", containsString("done=flag_resolved"));
        assertThat(page("/caretaker/flags")).doesNotContain("page test finding");
    }

    @Test
    void tariff_withAGapInTheWindows_isRefused_andAValidFlatOneIsSaved() throws Exception {
        try {
            tariffForms();
        } finally {
            try (var c = db.getConnection();
                    var ps = c.prepareStatement("DELETE FROM tariff_version WHERE valid_from = '2031-01-01'")) {
                ps.executeUpdate();
            }
        }
    }

    private void tariffForms() {
        caretaker
                .form()
                .formParam("validFrom", "2031-01-01")
                .formParam("pvPrice", "0.2")
                .formParam("baseFee", "5")
                .formParam("evPvPrice", "0.2")
                .formParam("evGridPrice", "0.3")
                .formParam("feedInPrice", "0.08")
                .formParam("vatPercent", "19")
                .formParam("allocationKey", "EQUAL_SHARES")
                .formParam("commonKey", "EQUAL")
                .formParam("season", "Jahr")
                .formParam("months", "1-12")
                .formParam("dayType", "WEEKDAY")
                .formParam("window", "HT")
                .formParam("from", "06:00")
                .formParam("to", "22:00")
                .formParam("price", "0,33")
                .post("/caretaker/tariffs")
                .then()
                .statusCode(400)
                .body(containsString("gap"))
                .body(containsString("value=\"2031-01-01\""));
        Response saved = caretaker
                .form()
                .formParam("validFrom", "2031-01-01")
                .formParam("gridPrice", "0,31")
                .formParam("pvPrice", "0.2")
                .formParam("baseFee", "5")
                .formParam("evPvPrice", "0.2")
                .formParam("evGridPrice", "0.3")
                .formParam("feedInPrice", "0.08")
                .formParam("vatPercent", "19")
                .formParam("allocationKey", "EQUAL_SHARES")
                .formParam("commonKey", "EQUAL")
                .formParam("reason", "Seitentest")
                .post("/caretaker/tariffs");
        assertThat(saved.statusCode()).isEqualTo(303);
        caretaker
                .follow(saved)
                .then()
                .body(containsString("Tarifversion ab 2031-01-01 gespeichert"))
                .body(containsString("Gültig ab 01.01.2031"))
                .body(containsString("ganztägig gleich"));
    }

    @Test
    void csvPreview_listsTheBadLinesWithTheirNumbers_andAGoodFileIsImportedOnce() {
        String bad =
                "meter,timestamp,import_kwh\napt-0.1,2026-05-02 00:00,100.5\nnope,2026-05-02 00:15,100.6\napt-0.1,yesterday,1\n";
        caretaker
                .form()
                .multiPart("file", "bad.csv", bad.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("layout", "AUTO")
                .post("/caretaker/import/preview")
                .then()
                .statusCode(200)
                .body(containsString("2 Probleme"))
                .body(matchesPattern("(?s).*<td class=\"num\">3</td>.*unbekannter Zähler \\[nope\\].*"))
                .body(containsString("<td class=\"num\">4</td>"))
                .body(not(containsString("id=\"commit\"")));
        // A meter of its own, installed 1 January 2024 (values before a meter's installation are refused).
        String meter = org.hausmeter.support.TestMeters.common("pg-csv").name;
        String good = "meter,timestamp,import_kwh\n" + meter + ",2024-07-05 00:00,10.5\n" + meter
                + ",2024-07-05 00:15,10.75\n";
        String preview = caretaker
                .form()
                .multiPart("file", "good.csv", good.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("layout", "LONG")
                .post("/caretaker/import/preview")
                .then()
                .statusCode(200)
                .body(containsString("Keine Fehler gefunden"))
                .extract()
                .asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"token\" value=\"([^\"]+)\"")
                .matcher(preview);
        assertThat(m.find()).isTrue();
        Response done = caretaker
                .form()
                .formParam("token", m.group(1))
                .formParam("name", "good.csv")
                .formParam("layout", "LONG")
                .formParam("zone", "")
                .post("/caretaker/import/commit");
        assertThat(done.statusCode()).isEqualTo(303);
        caretaker.follow(done).then().body(containsString("2 neue Werte"));
        // The token is used up.
        caretaker
                .form()
                .formParam("token", m.group(1))
                .formParam("name", "good.csv")
                .post("/caretaker/import/commit")
                .then()
                .statusCode(400)
                .body(containsString("abgelaufen"));
    }

    @Test
    void settings_outOfRange_isRefused_andNothingChanges() {
        caretaker
                .form()
                .formParam("name", "Genossenschaft Lindenhof (demo)")
                .formParam("paymentDays", "5")
                .formParam("address", "Lindenhofstraße 12")
                .post("/caretaker/settings")
                .then()
                .statusCode(400)
                .body(containsString("14 to 90"))
                .body(containsString("value=\"5\""));
        caretaker
                .form()
                .formParam("name", " ")
                .formParam("paymentDays", "14")
                .post("/caretaker/settings")
                .then()
                .statusCode(400)
                .body(containsString("name"));
        assertThat(page("/caretaker/settings")).contains("value=\"14\"");
    }

    @Test
    void meterExchange_throughTheMeterPage_installsTheNewMeterUnderTheSameName() {
        TestApartments.Flat flat = TestApartments.create("PX", Instant.parse("2026-05-31T22:00:00Z"), null);
        flats.add(flat);
        String base = "/caretaker/meters/" + flat.meter();
        caretaker
                .form()
                .formParam("at", "2026-06-10T00:00")
                .formParam("importKwh", "1000")
                .formParam("reason", "Ablesung")
                .post(base + "/readings")
                .then()
                .statusCode(303);
        caretaker
                .form()
                .formParam("at", "2026-06-15T12:00")
                .formParam("oldImportKwh", "1100")
                .formParam("newModel", "no-such-model")
                .formParam("newImportKwh", "0")
                .formParam("reason", "Zähler defekt")
                .post(base + "/exchange")
                .then()
                .statusCode(400)
                .body(containsString("no-such-model"))
                .body(containsString("nicht bekannt"));
        caretaker
                .form()
                .formParam("at", "2026-06-15T12:00")
                .formParam("oldImportKwh", "900")
                .formParam("newModel", "eastron-sdm72d-m")
                .formParam("newImportKwh", "0")
                .formParam("reason", "Zähler defekt")
                .post(base + "/exchange")
                .then()
                .statusCode(400)
                .body(containsString("backwards"));
        Response ok = caretaker
                .form()
                .formParam("at", "2026-06-15T12:00")
                .formParam("oldImportKwh", "1100")
                .formParam("newModel", "eastron-sdm72d-m")
                .formParam("newImportKwh", "0,5")
                .formParam("reason", "Zähler defekt")
                .post(base + "/exchange");
        assertThat(ok.statusCode()).isEqualTo(303);
        caretaker
                .follow(ok)
                .then()
                .body(containsString("Zählerwechsel gespeichert"))
                .body(containsString("eastron-sdm72d-m"))
                .body(containsString("Frühere Zähler"))
                .body(containsString("Zählerwechsel</span>"));
        caretaker
                .cookies()
                .get("/caretaker/audit?action=meter.exchange&subject=" + flat.meter())
                .then()
                .body(containsString("Zähler defekt"));
    }

    @Test
    void meterInstalled_throughTheMeterPage_letsTheCaretakerEnterHistory() {
        TestApartments.Flat flat = TestApartments.create("PI", Instant.parse("2026-05-31T22:00:00Z"), null);
        flats.add(flat);
        String base = "/caretaker/meters/" + flat.meter();
        caretaker
                .cookies()
                .get(base)
                .then()
                .statusCode(200)
                .body(containsString("Einbaudatum"))
                .body(containsString("value=\"2026-06-01\""));
        caretaker
                .form()
                .formParam("at", "2026-03-01T00:00")
                .formParam("importKwh", "500")
                .formParam("reason", "Altbestand")
                .post(base + "/readings")
                .then()
                .statusCode(400)
                .body(containsString("is before meter [" + flat.meter() + "] was installed on [2026-06-01 00:00]"));
        caretaker
                .form()
                .formParam("day", "2026-01-01")
                .formParam("reason", "")
                .post(base + "/installed")
                .then()
                .statusCode(400)
                .body(containsString("reason"));
        Response ok = caretaker
                .form()
                .formParam("day", "2026-01-01")
                .formParam("reason", "Einbau laut Protokoll")
                .post(base + "/installed");
        assertThat(ok.statusCode()).isEqualTo(303);
        caretaker
                .follow(ok)
                .then()
                .body(containsString("Einbaudatum gespeichert"))
                .body(containsString("value=\"2026-01-01\""));
        caretaker
                .form()
                .formParam("at", "2026-03-01T00:00")
                .formParam("importKwh", "500")
                .formParam("reason", "Altbestand")
                .post(base + "/readings")
                .then()
                .statusCode(303);
        caretaker
                .cookies()
                .get("/caretaker/audit?action=meter.installed&subject=" + flat.meter())
                .then()
                .body(containsString("Einbau laut Protokoll"));
    }

    @Test
    void simulateTap_startsASession_andTheCaretakerEndsIt_withAReason() {
        String lena = "04A1B2C3D4E50C";
        Response tap = caretaker.form().formParam("uid", lena).post("/caretaker/chargers/ch-1/tap");
        // The notice's query comes before the charger's fragment: a browser drops the fragment when it asks for
        // the page, so the server sees ?done=… and shows the outcome.
        String location = tap.header("Location");
        assertThat(location).matches(".*/caretaker/chargers\\?at=ch-1&done=tap_accepted&n=[^#]+#ch-1");
        String page = caretaker
                .cookies()
                .urlEncodingEnabled(false)
                .get(location.substring(0, location.indexOf('#')))
                .asString();
        assertThat(page)
                .contains("id=\"notice\"")
                .contains("Antippen: gestartet (Start)")
                .contains("Lädt für Lena Fischer")
                .containsPattern("<section class=\"panel\" id=\"ch-1\">\\s*<h2>[^\n]*</h2>\\s*<p class=\"message ok\""
                        + " role=\"status\" id=\"notice\">Antippen: gestartet");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/caretaker/chargers/sessions/(\\d+)/end")
                .matcher(page);
        assertThat(m.find()).isTrue();
        caretaker
                .form()
                .formParam("reason", "")
                .post("/caretaker/chargers/sessions/" + m.group(1) + "/end")
                .then()
                .statusCode(400)
                .body(containsString("Zum Beenden eines Ladevorgangs bitte einen Grund angeben."));
        Response end = caretaker
                .form()
                .formParam("reason", "Test beendet")
                .post("/caretaker/chargers/sessions/" + m.group(1) + "/end");
        caretaker
                .follow(end)
                .then()
                .body(containsString("Ladevorgang beendet"))
                .body(not(containsString("Lädt für Lena Fischer")));
    }

    @Test
    void enrollment_waitsForACard_andCanBeCancelled() {
        caretaker
                .form()
                .formParam("label", "Ersatzkarte")
                .post("/caretaker/residents/greta/enrollment")
                .then()
                .statusCode(303);
        caretaker
                .cookies()
                .get("/caretaker/residents/greta")
                .then()
                .body(containsString("Wartet auf eine Karte für Greta Lind"));
        caretaker
                .form()
                .post("/caretaker/residents/greta/enrollment/cancel")
                .then()
                .statusCode(303);
        caretaker
                .cookies()
                .get("/caretaker/residents/greta")
                .then()
                .body(not(containsString("Wartet auf eine Karte")))
                .body(containsString("Anlernen starten"));
    }

    @Test
    void settings_areSaved_andAudited() {
        String page = page("/caretaker/settings");
        java.util.function.Function<String, String> field = name -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]*)\"")
                    .matcher(page);
            return m.find() ? unescape(m.group(1)) : "";
        };
        var form = caretaker
                .form()
                .formParam("name", field.apply("name"))
                .formParam("paymentDays", field.apply("paymentDays"));
        for (String k : org.hausmeter.building.BuildingSettings.Issuer.KEYS) {
            if (k.equals("address") || k.equals("board")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                                "name=\"" + k + "\"[^>]*>([^<]*)</textarea>")
                        .matcher(page);
                form = form.formParam(k, m.find() ? unescape(m.group(1)) : "");
            } else {
                form = form.formParam(k, field.apply(k));
            }
        }
        Response saved = form.post("/caretaker/settings");
        assertThat(saved.statusCode()).isEqualTo(303);
        caretaker
                .follow(saved)
                .then()
                .body(containsString("Einstellungen gespeichert"))
                .body(not(containsString("id=\"missing\"")));
        caretaker
                .cookies()
                .get("/caretaker/audit?action=building.settings")
                .then()
                .body(containsString("building.settings"));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private String page(String path) {
        Response r = caretaker.cookies().get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.asString();
    }
}
