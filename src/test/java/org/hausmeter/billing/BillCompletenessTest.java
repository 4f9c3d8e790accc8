package org.hausmeter.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.hausmeter.accounts.TestApartments;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.billing.pdf.Poppler;
import org.hausmeter.billing.persistence.BillFlags;
import org.hausmeter.support.Leftovers;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * No silent zero bills (issue 16, items 2 and 3), on February 2025, a month no other class bills (its issued
 * bills are removed when the class ends, {@link Leftovers#issuedMonth}). Three test flats whose meters receive
 * imported quarter-hour values only (CSV, long layout, no counter readings): one with the whole month, one with
 * 3–7 February and two hours of the 12th missing, one with nothing. The run blocks the incomplete drafts with a
 * flag naming the days, finds the same flags on a re-run, lifts the block when the data is completed, issues a
 * blocked draft only with the caretaker's reason (stored and audited), "issue all" leaves the blocked drafts
 * naming why, and the interval-only draft is issued with its energy and its source on the PDF. The methods build
 * on each other, in order.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillCompletenessTest {

    static final YearMonth FEB = YearMonth.of(2025, 2);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final int QUARTER_HOURS = 28 * 96;

    @Inject
    BillRuns runs;

    @Inject
    Bills bills;

    @Inject
    AgroalDataSource db;

    TestApartments.Flat full;
    TestApartments.Flat gap;
    TestApartments.Flat none;
    WebSession caretaker;

    /** Wh of the month's quarter hour {@code i} in the files (never zero). */
    static long wh(int i) {
        return 40 + (i % 13) * 7;
    }

    /** 3–7 February, and 12 February 12:00–14:00 (8 quarter hours). */
    static boolean inGap(int i) {
        int day = i / 96 + 1;
        int q = i % 96;
        return (day >= 3 && day <= 7) || (day == 12 && q >= 48 && q < 56);
    }

    @BeforeAll
    void flats() {
        // First: the month's bills go before the flats' removal can find one issued.
        Leftovers.afterClass(Leftovers.issuedMonth(FEB));
        Instant installed = LocalDate.of(2025, 1, 1).atStartOfDay(BERLIN).toInstant();
        Instant removed = LocalDate.of(2025, 4, 1).atStartOfDay(BERLIN).toInstant();
        Instant moveOut = LocalDate.of(2025, 3, 1).atStartOfDay(BERLIN).toInstant();
        full = TestApartments.create("CF", installed, removed);
        gap = TestApartments.create("CG", installed, removed);
        none = TestApartments.create("CN", installed, removed);
        for (TestApartments.Flat f : List.of(full, gap, none)) {
            Account resident = TestApartments.resident("cmpl");
            TestApartments.tenancy(f, resident, installed, moveOut);
            // The import addresses installed meters only: still installed, each on a bus of its own (polled by
            // nobody), so the three never share a (bus, unit id).
            QuarkusTransaction.requiringNew()
                    .run(() -> org.hausmeter.ledger.persistence.Meter.getEntityManager()
                            .createNativeQuery(
                                    "UPDATE meter SET bus = 'test-' || name, removed_at = NULL WHERE name = ?1")
                            .setParameter(1, f.meter())
                            .executeUpdate());
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void login() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
        caretaker = WebSession.caretaker();
    }

    @Test
    @Order(0)
    void quarterHours_areImportedThroughTheCsvImport_withoutCounterReadings() {
        importIntervals(full.meter(), i -> true);
        importIntervals(gap.meter(), i -> !inGap(i));
    }

    static RequestSpecification api() {
        return given().auth().preemptive().basic("hauswart", "hauswart-demo").contentType(ContentType.JSON);
    }

    /** Imports the month's quarter hours {@code i} that {@code which} takes, through the caretaker's CSV import. */
    static void importIntervals(String meter, IntPredicate which) {
        StringBuilder csv = new StringBuilder("meter,timestamp,interval_import_kwh\n");
        LocalDateTime t = FEB.atDay(1).atStartOfDay();
        int n = 0;
        for (int i = 0; i < QUARTER_HOURS; i++, t = t.plusMinutes(15)) {
            if (which.test(i)) {
                csv.append(meter)
                        .append(',')
                        .append(t.toLocalDate())
                        .append(' ')
                        .append(t.toLocalTime())
                        .append(',')
                        .append(wh(i) / 1000)
                        .append('.')
                        .append(String.format("%03d", wh(i) % 1000))
                        .append('\n');
                n++;
            }
        }
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .contentType("text/csv")
                .queryParam("name", meter + ".csv")
                .body(csv.toString())
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(n));
    }

    StoredBill current(TestApartments.Flat f) {
        return bills.month(FEB).stream()
                .filter(b -> b.apartmentCode().equals(f.code()) && b.kind() == BillKind.INVOICE && !b.cancelled())
                .findFirst()
                .orElseThrow();
    }

    List<BillFlags.Flag> flags(TestApartments.Flat f) {
        return bills.flags(FEB).getOrDefault(current(f).tenancyId(), List.of());
    }

    @Test
    @Order(1)
    void run_blocksTheDraftsWithoutData_namingTheMissingDays() {
        BillRuns.RunResult r = runs.run(FEB, "test");
        assertThat(r.blocked()).isGreaterThanOrEqualTo(2);

        StoredBill n = current(none);
        assertThat(n.content().coveredIntervals()).isZero();
        assertThat(n.content().gaps())
                .containsExactly(new BillContent.Gap(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 28), 2688, 2688));
        assertThat(n.content().consumptionWh()).isZero();
        assertThat(flags(none)).singleElement().satisfies(f -> {
            assertThat(f.open()).isTrue();
            assertThat(f.kind()).isEqualTo("MISSING_ENERGY");
            assertThat(f.detail()).isEqualTo("No energy data for 1–28 Feb 2025");
        });

        StoredBill g = current(gap);
        assertThat(g.content().coveredIntervals()).isEqualTo(QUARTER_HOURS - 5 * 96 - 8);
        assertThat(g.content().gaps())
                .containsExactly(
                        new BillContent.Gap(LocalDate.of(2025, 2, 3), LocalDate.of(2025, 2, 7), 480, 480),
                        new BillContent.Gap(LocalDate.of(2025, 2, 12), LocalDate.of(2025, 2, 12), 8, 96));
        assertThat(flags(gap))
                .singleElement()
                .extracting(BillFlags.Flag::detail)
                .isEqualTo("No energy data for 3–7 Feb and 12 Feb 2025 (8 of 96 quarter hours)");

        StoredBill f = current(full);
        long expected = 0;
        for (int i = 0; i < QUARTER_HOURS; i++) {
            expected += wh(i);
        }
        assertThat(f.content().coveredIntervals()).isEqualTo(QUARTER_HOURS);
        assertThat(f.content().importedIntervals()).isEqualTo(QUARTER_HOURS);
        assertThat(f.content().energySource()).isEqualTo("IMPORTED");
        assertThat(f.content().gaps()).isEmpty();
        assertThat(f.content().consumptionWh()).isEqualTo(expected);
        assertThat(flags(full)).isEmpty();
    }

    @Test
    @Order(2)
    void rerun_findsTheSameFlagsAgain_notCopies() throws Exception {
        List<BillFlags.Flag> before = new ArrayList<>(flags(none));
        before.addAll(flags(gap));
        long draftBefore = current(gap).id();
        runs.run(FEB, "test");
        List<BillFlags.Flag> after = new ArrayList<>(flags(none));
        after.addAll(flags(gap));
        assertThat(after).isEqualTo(before);
        assertThat(current(gap).id()).isEqualTo(draftBefore);
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM bill_flag WHERE tenancy_id IN (?, ?) AND month = '2025-02-01'")) {
            ps.setLong(1, current(none).tenancyId());
            ps.setLong(2, current(gap).tenancyId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    @Order(3)
    void monthPage_saysHowCompleteEachDraftIs_andWhichAreBlocked() {
        String page =
                caretaker.cookies().get("/caretaker/billing?month=2025-02").asString();
        assertThat(row(page, full.code())).contains("vollständig").doesNotContain("gesperrt");
        // 2,200 of 2,688 quarter hours = 81.85 %, floored to 81.8 % so incomplete data never reads 100 %.
        assertThat(row(page, gap.code())).contains("81,8 % der Viertelstunden").contains("gesperrt: Daten fehlen");
        assertThat(row(page, none.code())).contains("0 % der Viertelstunden").contains("gesperrt");
        String bill = caretaker
                .cookies()
                .get("/caretaker/billing/bills/" + current(gap).id())
                .asString();
        assertThat(bill)
                .contains("Ausstellen gesperrt")
                .contains("id=\"issue-despite-form\"")
                .contains("name=\"overrideReason\"")
                .contains("aus importierten Viertelstundenwerten")
                .contains(": keine Werte")
                .contains(": 8 von 96 Viertelstunden ohne Wert")
                .doesNotContain("id=\"issue\"");
    }

    private static String row(String page, String apartment) {
        int i = page.indexOf("data-apartment=\"" + apartment + "\"");
        assertThat(i).as(apartment + " in the month table").isPositive();
        // Percentages are formatted with a no-break space before the sign.
        return page.substring(i, page.indexOf("</tr>", i)).replace('\u00a0', ' ');
    }

    @Test
    @Order(4)
    void blockedDraft_isRefusedWithoutADecision_throughTheApiAndThePage() {
        StoredBill n = current(none);
        api().post("/api/billing/bills/" + n.id() + "/issue")
                .then()
                .statusCode(409)
                .body("error", containsString("is blocked: No energy data for 1–28 Feb 2025"));
        api().body(Map.of("overrideReason", " "))
                .post("/api/billing/bills/" + n.id() + "/issue")
                .then()
                .statusCode(409);
        caretaker
                .form()
                .formParam("overrideReason", "")
                .post("/caretaker/billing/bills/" + current(gap).id() + "/issue")
                .then()
                .statusCode(409)
                .body(containsString("No energy data for 3–7 Feb"));
        assertThat(current(none).isDraft()).isTrue();
        assertThat(current(gap).isDraft()).isTrue();
    }

    @Test
    @Order(5)
    void completedData_liftsTheBlockOnTheNextRun() {
        long flagId = flags(gap).get(0).id();
        importIntervals(gap.meter(), BillCompletenessTest::inGap);
        runs.run(FEB, "test");
        StoredBill g = current(gap);
        assertThat(g.content().incomplete()).isFalse();
        assertThat(g.content().gaps()).isEmpty();
        assertThat(flags(gap)).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo(flagId);
            assertThat(f.open()).isFalse();
        });
        String page =
                caretaker.cookies().get("/caretaker/billing?month=2025-02").asString();
        assertThat(row(page, gap.code())).contains("vollständig").doesNotContain("gesperrt");
    }

    @Test
    @Order(6)
    void blockedDraft_isIssuedWithTheCaretakersReason_storedAndAudited() throws Exception {
        StoredBill n = current(none);
        Response issued = caretaker
                .form()
                .formParam("overrideReason", "Zähler defekt, Verbrauch wird nachberechnet")
                .post("/caretaker/billing/bills/" + n.id() + "/issue");
        assertThat(issued.statusCode()).isEqualTo(303);
        StoredBill done = bills.get(n.id());
        assertThat(done.status()).isEqualTo(BillStatus.ISSUED);
        assertThat(bills.decisions(n.id())).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo("Zähler defekt, Verbrauch wird nachberechnet");
            assertThat(d.decidedBy()).isEqualTo("hauswart");
            assertThat(d.detail()).isEqualTo("No energy data for 1–28 Feb 2025");
        });
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT actor, reason, after::text FROM audit_event WHERE action = 'billing.issue.despite'"
                                + " AND subject = ?")) {
            ps.setString(1, "bill:" + n.id());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("hauswart");
                assertThat(rs.getString(2)).isEqualTo("Zähler defekt, Verbrauch wird nachberechnet");
                assertThat(rs.getString(3)).contains("No energy data for 1–28 Feb 2025");
            }
        }
        assertThat(caretaker.follow(issued).asString())
                .contains("Ausgestellt trotz „No energy data for 1–28 Feb 2025“ von hauswart")
                .contains("Zähler defekt, Verbrauch wird nachberechnet");
        String text = Poppler.text(bills.pdf(n.id()), Files.createTempDirectory("bill"))
                .replaceAll("\\s+", " ");
        assertThat(text).contains("Messwerte liegen für 0 von 2.688 Viertelstunden vor");
    }

    @Test
    @Order(7)
    void issueAll_leavesTheBlockedDrafts_namingWhy_andIssuesTheImportedMonth() throws Exception {
        // Every draft left (the demo's flats have no data in February 2025) is named with why.
        String page = caretaker
                .form()
                .formParam("confirmed", "yes")
                .post("/caretaker/billing/2025-02/issue")
                .asString();
        List<StoredBill> month = bills.month(FEB);
        for (StoredBill b : month) {
            if (b.isDraft()) {
                assertThat(page).contains(b.apartmentCode() + ": Bill [" + b.id() + "] is blocked: No energy data");
            }
        }
        StoredBill f = current(full);
        assertThat(f.status()).isEqualTo(BillStatus.ISSUED);
        assertThat(current(gap).status()).isEqualTo(BillStatus.ISSUED);
        assertThat(bills.decisions(f.id())).isEmpty();
        // The bill shows the period's energy from the imported series and says so; the meter has no counters.
        String text = Poppler.text(bills.pdf(f.id()), Files.createTempDirectory("bill"))
                .replaceAll("\\s+", " ");
        String kwh = String.format("%,.3f", f.content().consumptionWh() / 1000.0)
                .replace(',', 'x')
                .replace('.', ',')
                .replace('x', '.');
        assertThat(text)
                .contains(full.meter())
                .contains("keine Ablesung")
                .contains("Verbrauch im Zeitraum: " + kwh + " kWh, ermittelt aus importierten Viertelstundenwerten")
                .contains("2.688 von 2.688 Viertelstunden");
        assertThat(f.content().meters()).singleElement().satisfies(m -> {
            assertThat(m.startWh()).isNull();
            assertThat(m.endWh()).isNull();
        });
    }
}
