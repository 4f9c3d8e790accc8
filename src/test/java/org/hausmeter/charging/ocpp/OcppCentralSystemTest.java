package org.hausmeter.charging.ocpp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hausmeter.accounts.TestApartments;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.billing.BillRuns;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.billing.StoredLine;
import org.hausmeter.charging.CardService;
import org.hausmeter.support.DemoHistory;
import org.hausmeter.support.Leftovers;
import org.hausmeter.support.TestTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OCPP 1.6J central system driven by {@link OcppSimulator} (the JDK's WebSocket client) over a real connection:
 * a whole session onto the resident's draft bill with its solar share per quarter hour, offline authorisation and
 * late, repeated and out-of-order transactions, a reconnect in the middle of a session, 10 charge points in
 * parallel, malformed frames, a wrong password and a charge point nobody accepted. Transactions lie in July 2025
 * (a month no other class bills); charge point ids start with {@code tocpp}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OcppCentralSystemTest {

    static final YearMonth JULY = YearMonth.of(2025, 7);
    static final String PASSWORD = "0123456789abcdefXYZ!";

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource db;

    @Inject
    CardService cards;

    @Inject
    DemoHistory history;

    @Inject
    BillRuns runs;

    @Inject
    Bills bills;

    @Inject
    LocalLists localLists;

    String suffix;
    TestApartments.Flat flat;
    Account resident;
    Account other;
    String card;
    String otherCard;
    String blockedCard;
    String expiredCard;

    @BeforeAll
    void fixtures() throws Exception {
        suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
        String cps = "'tocpp-" + suffix + "%'";
        String chargerMeters = "(SELECT id FROM meter WHERE charger LIKE " + cps + ")";
        String m = "'" + JULY.atDay(1) + "'";
        card = uid(0x04);
        otherCard = uid(0x05);
        blockedCard = uid(0x06);
        expiredCard = uid(0x07);
        String uids = "('" + card + "','" + otherCard + "','" + blockedCard + "','" + expiredCard + "')";
        Leftovers.afterClass(List.of(
                "DELETE FROM charging_decision WHERE charger LIKE " + cps + " OR card_uid IN " + uids,
                "DELETE FROM ocpp_transaction WHERE charge_point LIKE " + cps,
                "DELETE FROM charging_session WHERE charger LIKE " + cps,
                "DELETE FROM ocpp_connector WHERE charge_point LIKE " + cps,
                "DELETE FROM ocpp_charge_point WHERE id LIKE " + cps,
                "DELETE FROM interval_energy WHERE meter_id IN " + chargerMeters,
                "DELETE FROM meter_reading WHERE meter_id IN " + chargerMeters,
                "DELETE FROM review_flag WHERE meter_id IN " + chargerMeters,
                "DELETE FROM meter WHERE charger LIKE " + cps,
                "DELETE FROM charging_card WHERE uid IN " + uids,
                "DELETE FROM bill_line WHERE bill_id IN (SELECT id FROM bill WHERE month = " + m
                        + " AND status = 'DRAFT')",
                "DELETE FROM bill_flag WHERE month = " + m + " AND id NOT IN (SELECT flag_id FROM bill_flag_decision)",
                "DELETE FROM bill WHERE month = " + m + " AND status = 'DRAFT'",
                "DELETE FROM apartment_month WHERE month = " + m));
        flat = TestApartments.create("OC", Instant.parse("2025-01-01T00:00:00Z"), null);
        resident = TestApartments.resident("ocpp");
        other = TestApartments.resident("ocpq");
        TestApartments.tenancy(flat, resident, Instant.parse("2025-06-30T22:00:00Z"), null);
        TestApartments.Flat otherFlat = TestApartments.create("OD", Instant.parse("2025-01-01T00:00:00Z"), null);
        TestApartments.tenancy(otherFlat, other, Instant.parse("2025-06-30T22:00:00Z"), null);
        cards.register(card, resident.username, "OCPP test", null, "test");
        cards.register(otherCard, other.username, "OCPP test 2", null, "test");
        cards.register(blockedCard, other.username, "blocked", null, "test");
        cards.block(blockedCard, "lost", "test");
        cards.register(expiredCard, other.username, "expired", LocalDate.of(2025, 6, 30), "test");
        history.month(JULY);
    }

    private String uid(int first) {
        return String.format("%02X%012X", first, Math.abs((suffix + first).hashCode()) & 0xFFFFFFFFFFFFL);
    }

    static RequestSpecification caretaker() {
        return given().auth().preemptive().basic("hauswart", "hauswart-demo").contentType(ContentType.JSON);
    }

    /** A charge point the caretaker accepted, connected with its password and booted. */
    OcppSimulator accepted(String name) {
        String id = "tocpp-" + suffix + "-" + name;
        try (OcppSimulator first = OcppSimulator.connect(base, id, null)) {
            assertThat(first.boot().get("status").asText()).isEqualTo("Pending");
        }
        caretaker()
                .body(Map.of("password", PASSWORD))
                .post("/api/ocpp/charge-points/" + id + "/accept")
                .then()
                .statusCode(200);
        OcppSimulator s = OcppSimulator.connect(base, id, PASSWORD);
        assertThat(s.boot().get("status").asText()).isEqualTo("Accepted");
        awaitLocalList(s);
        return s;
    }

    static void awaitLocalList(OcppSimulator s) {
        await(() -> s.localListVersion > 0, "local list of " + s.id);
    }

    static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited in vain for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String at(String localJuly) {
        return Instant.parse(localJuly).toString();
    }

    @Test
    void aWholeSession_becomesAChargingSession_andALineOfTheDraftBill_withItsSolarSharePerQuarterHour()
            throws Exception {
        try (OcppSimulator cp = accepted("whole")) {
            // The server configured clock-aligned metering and sent the building's cards.
            await(() -> cp.configuration.size() >= OcppCentralSystem.CONFIGURATION.size(), "configuration");
            assertThat(cp.configuration)
                    .containsEntry("ClockAlignedDataInterval", "900")
                    .containsEntry("MeterValueSampleInterval", "900")
                    .containsEntry("MeterValuesAlignedData", "Energy.Active.Import.Register,Power.Active.Import");
            assertThat(cp.callsOf("SendLocalList").get(0).get("updateType").asText())
                    .isEqualTo("Full");
            assertThat(cp.localList.get(card).get("status").asText()).isEqualTo("Accepted");
            assertThat(cp.localList.get(blockedCard).get("status").asText()).isEqualTo("Blocked");
            assertThat(cp.localList.get(expiredCard).get("status").asText()).isEqualTo("Expired");

            cp.status(1, "Preparing", "2025-07-15T09:59:00Z");
            assertThat(cp.call("Authorize", OcppSimulator.obj().put("idTag", card.toLowerCase()))
                            .get("idTagInfo")
                            .get("status")
                            .asText())
                    .as("idTag is case-insensitive")
                    .isEqualTo("Accepted");
            JsonNode started = cp.start(1, card, 100_000, "2025-07-15T10:00:00Z");
            assertThat(started.get("idTagInfo").get("status").asText()).isEqualTo("Accepted");
            int tx = started.get("transactionId").asInt();
            cp.status(1, "Charging", "2025-07-15T10:00:05Z");
            cp.meterValues(1, tx, "2025-07-15T10:15:00Z", 102_750, 11_000);
            cp.meterValues(1, tx, "2025-07-15T10:30:00Z", 105_500, 11_000);
            cp.meterValues(1, tx, "2025-07-15T10:45:00Z", 108_250, 11_000);
            Map<?, ?> live = caretaker()
                    .get("/api/ocpp/charge-points/" + cp.id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .as(Map.class);
            Map<?, ?> connector = (Map<?, ?>) ((List<?>) live.get("connectors")).get(0);
            assertThat(connector.get("status")).isEqualTo("Charging");
            assertThat(((Number) connector.get("powerW")).longValue())
                    .as("sum of L1..L3")
                    .isEqualTo(10_998);
            assertThat(live.get("connected")).isEqualTo(true);
            cp.stop(
                    tx,
                    111_000,
                    "2025-07-15T11:00:00Z",
                    null,
                    OcppSimulator.signedValue("2025-07-15T11:00:00Z", "OCMF|{\"FV\":\"1.0\"}|{\"SA\":\"ECDSA\"}"));

            long session;
            try (Connection c = db.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT s.id, s.status, s.start_wh, s.end_wh,"
                            + " s.resident_id, s.end_reason, s.signed_data, s.source, m.name, s.card_group, s.charge_mode"
                            + " FROM charging_session s"
                            + " JOIN meter m ON m.id = s.meter_id WHERE s.charger = ?")) {
                ps.setString(1, cp.id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    session = rs.getLong(1);
                    assertThat(rs.getString(2)).isEqualTo("CLOSED");
                    assertThat(rs.getLong(4) - rs.getLong(3)).isEqualTo(11_000);
                    assertThat(rs.getLong(5)).isEqualTo(resident.id);
                    assertThat(rs.getString(6)).isEqualTo("CARD");
                    assertThat(rs.getString(7)).startsWith("OCMF|");
                    assertThat(rs.getString(8)).isEqualTo("OCPP");
                    assertThat(rs.getString(9)).isEqualTo("ocpp-" + cp.id);
                    // the card's price group and the configured default mode, as for a tap
                    assertThat(rs.getString(10)).isEqualTo("RESIDENT");
                    assertThat(rs.getString(11)).isEqualTo("SOLAR_PLUS_MIN");
                    assertThat(rs.next()).isFalse();
                }
            }
            // The energy register became the charger meter's quarter hours, as a Modbus meter's would (derived just
            // after the StopTransaction's answer).
            List<Long> quarters = new ArrayList<>();
            await(
                    () -> {
                        quarters.clear();
                        quarters.addAll(quarters(cp.id));
                        return quarters.size() == 4;
                    },
                    "the session's quarter hours");
            assertThat(quarters).containsExactly(2750L, 2750L, 2750L, 2750L);

            runs.run(JULY, "test");
            StoredBill bill = bills.month(JULY).stream()
                    .filter(b -> b.apartmentCode().equals(flat.code()) && b.isDraft())
                    .findFirst()
                    .orElseThrow();
            StoredLine ev = bill.lines().stream()
                    .filter(l -> l.key().equals("ev.session"))
                    .findFirst()
                    .orElseThrow();
            assertThat(ev.quantity()).isEqualByComparingTo("11.000");
            BigDecimal pv = new BigDecimal(ev.details().get("pvKwh").toString());
            BigDecimal grid = new BigDecimal(ev.details().get("gridKwh").toString());
            assertThat(pv.add(grid)).isEqualByComparingTo("11.000");
            assertThat(pv).as("a July morning: the roof covers part of 11 kW").isPositive();
            assertThat(String.valueOf(ev.details().get("session"))).isEqualTo(Long.toString(session));
        }
    }

    private List<Long> quarters(String charger) {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT e.import_wh FROM interval_energy e"
                        + " JOIN meter m ON m.id = e.meter_id WHERE m.charger = ? AND e.interval_start >= ?"
                        + " AND e.interval_start < ? ORDER BY e.interval_start")) {
            ps.setString(1, charger);
            ps.setTimestamp(2, java.sql.Timestamp.from(Instant.parse("2025-07-15T10:00:00Z")));
            ps.setTimestamp(3, java.sql.Timestamp.from(Instant.parse("2025-07-15T11:00:00Z")));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void authorize_answersFromTheCardRegistry_withTheRulesOfATap() {
        try (OcppSimulator cp = accepted("auth");
                OcppSimulator cp2 = accepted("auth2")) {
            String now = TestTime.PINNED.toString();
            assertThat(authorize(cp, blockedCard)).isEqualTo("Blocked");
            assertThat(authorize(cp, expiredCard)).isEqualTo("Expired");
            assertThat(authorize(cp, "04FFFFFFFFFF01")).isEqualTo("Invalid");
            assertThat(authorize(cp, "not-a-uid")).isEqualTo("Invalid");
            JsonNode started = cp2.start(1, otherCard, 5_000, now);
            assertThat(authorize(cp, otherCard))
                    .as("charging at another charger")
                    .isEqualTo("ConcurrentTx");
            assertThat(cp.start(1, otherCard, 7_000, now)
                            .get("idTagInfo")
                            .get("status")
                            .asText())
                    .isEqualTo("ConcurrentTx");
            assertThat(authorize(cp2, otherCard))
                    .as("its own charger: it may stop")
                    .isEqualTo("Accepted");
            cp2.stop(
                    started.get("transactionId").asInt(),
                    6_000,
                    TestTime.PINNED.plusSeconds(600).toString(),
                    "EVDisconnected");
            assertThat(authorize(cp, otherCard)).isEqualTo("Accepted");
        }
    }

    private static String authorize(OcppSimulator cp, String tag) {
        return cp.call("Authorize", OcppSimulator.obj().put("idTag", tag))
                .get("idTagInfo")
                .get("status")
                .asText();
    }

    @Test
    void offlineTransactions_arriveLate_outOfOrder_andRepeated_andAreBilledOnce() throws Exception {
        try (OcppSimulator cp = accepted("offline")) {
            assertThat(cp.localList).containsKey(otherCard);
            // Offline the wallbox authorised from its local list; the transactions come in after the reconnect, the
            // later one first, and the first StartTransaction once more (its answer was lost).
            JsonNode later = cp.start(1, otherCard, 20_000, "2025-07-20T12:00:00Z");
            JsonNode earlier = cp.start(1, otherCard, 10_000, "2025-07-20T08:00:00Z");
            JsonNode again = cp.start(1, otherCard, 10_000, "2025-07-20T08:00:00Z");
            assertThat(again.get("transactionId").asInt())
                    .isEqualTo(earlier.get("transactionId").asInt());
            cp.stop(
                    earlier.get("transactionId").asInt(),
                    15_000,
                    "2025-07-20T09:00:00Z",
                    "Local",
                    OcppSimulator.energyValue("2025-07-20T08:30:00Z", 12_500));
            cp.stop(later.get("transactionId").asInt(), 24_000, "2025-07-20T13:00:00Z", null);
            cp.stop(later.get("transactionId").asInt(), 24_000, "2025-07-20T13:00:00Z", null);
            List<long[]> sessions = new ArrayList<>();
            try (Connection c = db.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT start_wh, end_wh FROM charging_session"
                            + " WHERE charger = ? AND status = 'CLOSED' ORDER BY started_at")) {
                ps.setString(1, cp.id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            assertThat(sessions).hasSize(2);
            assertThat(sessions.get(0)).containsExactly(10_000, 15_000);
            assertThat(sessions.get(1)).containsExactly(20_000, 24_000);
            // A card blocked after an offline transaction began does not undo it; the list learns it (Differential).
            cards.block(otherCard, "test: lost after charging", "test");
            try {
                JsonNode late = cp.start(1, otherCard, 30_000, "2025-07-21T08:00:00Z");
                assertThat(late.get("idTagInfo").get("status").asText()).isEqualTo("Accepted");
                cp.stop(late.get("transactionId").asInt(), 31_000, "2025-07-21T09:00:00Z", null);
                assertThat(authorize(cp, otherCard)).isEqualTo("Blocked");
                localLists.sync(cp.id, false).toCompletableFuture().get();
                List<JsonNode> sent = cp.callsOf("SendLocalList");
                JsonNode diff = sent.get(sent.size() - 1);
                assertThat(diff.get("updateType").asText()).isEqualTo("Differential");
                assertThat(diff.get("localAuthorizationList")).hasSize(1);
                assertThat(cp.localList.get(otherCard).get("status").asText()).isEqualTo("Blocked");
                JsonNode version = caretaker()
                        .get("/api/ocpp/charge-points/" + cp.id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .as(JsonNode.class);
                assertThat(version.get("localListVersion").asInt()).isEqualTo(cp.localListVersion);
            } finally {
                cards.unblock(otherCard, "test", "test");
            }
        }
    }

    @Test
    void aReconnectInTheMiddleOfASession_continuesIt() throws Exception {
        OcppSimulator cp = accepted("reconnect");
        int tx = cp.start(1, card, 50_000, "2025-07-22T10:00:00Z")
                .get("transactionId")
                .asInt();
        cp.meterValues(1, tx, "2025-07-22T10:15:00Z", 51_000, 4_000);
        cp.abort();
        try (OcppSimulator back = OcppSimulator.connect(base, cp.id, PASSWORD)) {
            assertThat(back.boot().get("status").asText()).isEqualTo("Accepted");
            back.meterValues(1, tx, "2025-07-22T10:30:00Z", 52_000, 4_000);
            back.stop(tx, 53_000, "2025-07-22T10:45:00Z", "EVDisconnected");
        }
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT status, end_wh - start_wh, end_reason FROM charging_session WHERE charger = ?")) {
            ps.setString(1, cp.id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("CLOSED");
                assertThat(rs.getLong(2)).isEqualTo(3_000);
                assertThat(rs.getString(3)).isEqualTo("UNPLUGGED");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void tenChargePointsInParallel_eachGetTheirSession() throws Exception {
        List<OcppSimulator> cps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cps.add(accepted("par" + i));
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String tag = String.format("04%012X", Math.abs((suffix + "par" + i).hashCode()) & 0xFFFFFFFFFFFFL);
            cards.register(tag, resident.username, null, null, "test");
            tags.add(tag);
        }
        Leftovers.afterClass(List.of("DELETE FROM charging_card WHERE uid IN ('" + String.join("','", tags) + "')"));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                OcppSimulator cp = cps.get(i);
                String tag = tags.get(i);
                done.add(pool.submit(() -> {
                    int tx = cp.start(1, tag, 1_000, "2025-07-25T10:00:00Z")
                            .get("transactionId")
                            .asInt();
                    for (int q = 1; q <= 4; q++) {
                        cp.meterValues(
                                1,
                                tx,
                                Instant.parse("2025-07-25T10:00:00Z")
                                        .plusSeconds(900L * q)
                                        .toString(),
                                1_000 + 500L * q,
                                2_000);
                    }
                    cp.stop(tx, 3_000, "2025-07-25T11:00:00Z", null);
                    return tx;
                }));
            }
            for (Future<Integer> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            cps.forEach(OcppSimulator::close);
        }
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*), sum(end_wh - start_wh) FROM charging_session"
                                + " WHERE charger LIKE ? AND status = 'CLOSED'")) {
            ps.setString(1, "tocpp-" + suffix + "-par%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(10);
                assertThat(rs.getLong(2)).isEqualTo(20_000);
            }
        }
    }

    @Test
    void malformedFrames_getTheRightCallError_andTheConnectionGoesOn() {
        try (OcppSimulator cp = accepted("malformed")) {
            assertThat(code(cp.raw("this is not JSON"))).isEqualTo("FormationViolation");
            assertThat(cp.raw("{\"a\": 1}").get(1).asText()).isEqualTo("-1");
            assertThat(code(cp.raw("[2, \"m1\", \"Heartbeat\"]"))).isEqualTo("FormationViolation");
            assertThat(code(cp.raw("[7, \"m2\", \"Heartbeat\", {}]"))).isEqualTo("FormationViolation");
            assertThat(code(cp.raw("[2, \"" + "x".repeat(37) + "\", \"Heartbeat\", {}]")))
                    .isEqualTo("FormationViolation");
            JsonNode typed = cp.raw("[2, \"m3\", \"Authorize\", {\"idTag\": 5}]");
            assertThat(typed.get(1).asText()).isEqualTo("m3");
            assertThat(code(typed)).isEqualTo("TypeConstraintViolation");
            assertThat(code(cp.raw("[2, \"m4\", \"Authorize\", {}]"))).isEqualTo("OccurenceConstraintViolation");
            assertThat(code(cp.raw("[2, \"m5\", \"Authorize\", {\"idTag\": \"" + "A".repeat(21) + "\"}]")))
                    .isEqualTo("PropertyConstraintViolation");
            assertThat(code(cp.raw(
                            "[2, \"m6\", \"StatusNotification\", {\"connectorId\": 1, \"errorCode\": \"NoError\","
                                    + " \"status\": \"Sleeping\"}]")))
                    .isEqualTo("PropertyConstraintViolation");
            assertThat(code(cp.raw("[2, \"m7\", \"FlyToTheMoon\", {}]"))).isEqualTo("NotImplemented");
            assertThat(code(cp.raw("[2, \"m8\", \"StartTransaction\", {\"connectorId\": 1, \"idTag\": \"04A1B2C3\","
                            + " \"meterStart\": 1, \"timestamp\": \"yesterday\"}]")))
                    .isEqualTo("PropertyConstraintViolation");
            assertThat(cp.call("DataTransfer", OcppSimulator.obj().put("vendorId", "com.example"))
                            .get("status")
                            .asText())
                    .isEqualTo("UnknownVendorId");
            assertThat(cp.call("Heartbeat", OcppSimulator.obj())
                            .get("currentTime")
                            .asText())
                    .isNotBlank();
        }
    }

    private static String code(JsonNode callError) {
        assertThat(callError.get(0).asInt()).isEqualTo(4);
        return callError.get(2).asText();
    }

    @Test
    void aWrongPassword_orNone_isRefusedWith401_beforeTheUpgrade() {
        try (OcppSimulator cp = accepted("pw")) {
            assertThat(OcppSimulator.handshakeStatus(base, cp.id, cp.id, "wrong-password-1234", "ocpp1.6"))
                    .isEqualTo(401);
            assertThat(OcppSimulator.handshakeStatus(base, cp.id, null, null, "ocpp1.6"))
                    .isEqualTo(401);
            assertThat(OcppSimulator.handshakeStatus(base, cp.id, "someone-else", PASSWORD, "ocpp1.6"))
                    .isEqualTo(401);
            assertThat(OcppSimulator.handshakeStatus(base, cp.id, cp.id, PASSWORD, null))
                    .as("no subprotocol ocpp1.6")
                    .isEqualTo(400);
            assertThat(OcppSimulator.handshakeStatus(base, cp.id, cp.id, PASSWORD, "ocpp1.6"))
                    .isEqualTo(101);
        }
        caretaker()
                .body(Map.of("password", "too-short"))
                .put("/api/ocpp/charge-points/tocpp-" + suffix + "-pw/password")
                .then()
                .statusCode(400);
    }

    @Test
    void aChargePointNobodyAccepted_isPending_andItsTransactionsAreRefused() {
        String id = "tocpp-" + suffix + "-stranger";
        try (OcppSimulator cp = OcppSimulator.connect(base, id, null)) {
            JsonNode boot = cp.boot();
            assertThat(boot.get("status").asText()).isEqualTo("Pending");
            assertThat(cp.call("Heartbeat", OcppSimulator.obj()).has("currentTime"))
                    .isTrue();
            assertThatThrownBy(() -> cp.start(1, card, 1, TestTime.PINNED.toString()))
                    .isInstanceOfSatisfying(
                            OcppSimulator.CallError.class,
                            e -> assertThat(e.code).isEqualTo("SecurityError"));
            assertThatThrownBy(() -> cp.call("Authorize", OcppSimulator.obj().put("idTag", card)))
                    .isInstanceOf(OcppSimulator.CallError.class);
            assertThat(cp.callsOf("SendLocalList")).isEmpty();
        }
        Map<?, ?> view = caretaker()
                .get("/api/ocpp/charge-points/" + id)
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        assertThat(view.get("status")).isEqualTo("PENDING");
        assertThat(view.get("vendor")).isEqualTo("Hausmeter");
        caretaker().post("/api/ocpp/charge-points/" + id + "/accept").then().statusCode(400);
        caretaker().post("/api/ocpp/charge-points/" + id + "/reject").then().statusCode(200);
        try (OcppSimulator cp = OcppSimulator.connect(base, id, null)) {
            assertThat(cp.boot().get("status").asText()).isEqualTo("Rejected");
        }
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM ocpp_transaction WHERE charge_point = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCaretakersCommands_reachTheChargePoint_andComeBackChecked() {
        try (OcppSimulator cp = accepted("commands")) {
            String path = "/api/ocpp/charge-points/" + cp.id;
            String started = caretaker()
                    .body(Map.of("idTag", card, "connectorId", 1))
                    .post(path + "/remote-start")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("status");
            assertThat(started).isEqualTo("Accepted");
            assertThat(cp.callsOf("RemoteStartTransaction").get(0).get("idTag").asText())
                    .isEqualTo(card);
            caretaker()
                    .body(Map.of("transactionId", 17))
                    .post(path + "/remote-stop")
                    .then()
                    .statusCode(200);
            caretaker()
                    .body(Map.of("connectorId", 1))
                    .post(path + "/unlock")
                    .then()
                    .statusCode(200);
            caretaker()
                    .body(Map.of("type", "Hard"))
                    .post(path + "/reset")
                    .then()
                    .statusCode(200);
            caretaker()
                    .body(Map.of("type", "Sideways"))
                    .post(path + "/reset")
                    .then()
                    .statusCode(502);
            caretaker()
                    .body(Map.of("key", "HeartbeatInterval", "value", "120"))
                    .put(path + "/configuration")
                    .then()
                    .statusCode(200);
            JsonNode conf = caretaker()
                    .get(path + "/configuration")
                    .then()
                    .statusCode(200)
                    .extract()
                    .as(JsonNode.class);
            assertThat(conf.get("configurationKey").toString())
                    .contains("HeartbeatInterval")
                    .contains("120");
            cp.handlers.put("UnlockConnector", p -> OcppSimulator.obj().put("status", "UnlockFailed"));
            caretaker()
                    .body(Map.of("connectorId", 1))
                    .post(path + "/unlock")
                    .then()
                    .statusCode(200);
            cp.handlers.put("UnlockConnector", p -> OcppSimulator.obj().put("status", "Stuck"));
            caretaker()
                    .body(Map.of("connectorId", 1))
                    .post(path + "/unlock")
                    .then()
                    .statusCode(502);
        }
        caretaker()
                .body(Map.of("connectorId", 1))
                .post("/api/ocpp/charge-points/tocpp-" + suffix + "-commands/unlock")
                .then()
                .statusCode(409);
    }
}
