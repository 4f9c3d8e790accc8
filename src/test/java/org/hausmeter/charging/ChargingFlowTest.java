package org.hausmeter.charging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hausmeter.bus.FunctionCode;
import org.hausmeter.bus.PollingService;
import org.hausmeter.demo.DemoBuilding;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 end to end on the demo building: taps (through "simulate tap", the same code as a card at
 * a reader) switch the simulated chargers over real Modbus, the simulated car draws energy while the
 * clock moves, and sessions carry real meter readings. ch-1 is a relay + Carlo Gavazzi EM24 (100 Wh
 * steps), ch-2 a Heidelberg Energy Control + SDM630 (1 Wh).
 */
@QuarkusTest
@TestProfile(ChargingTestProfile.class)
class ChargingFlowTest {

    static final String ANNA = card("anna");
    static final String BEN = card("ben");
    static final String CEM = card("cem");
    static final String DORA = card("dora");
    static final String EMIL = card("emil");

    @Inject
    Clock clock;

    @Inject
    ChargingService service;

    @Inject
    PollingService polling;

    @Inject
    AgroalDataSource db;

    static String card(String username) {
        return DemoBuilding.demoCard(DemoBuilding.LOGINS.stream()
                .filter(l -> l.username().equals(username))
                .findFirst()
                .orElseThrow());
    }

    static RequestSpecification caretaker() {
        return given().auth().preemptive().basic("hauswart", "hauswart-demo").contentType(ContentType.JSON);
    }

    MutableClock time() {
        return (MutableClock) clock;
    }

    static JsonPath tap(String charger, String uid) {
        return caretaker()
                .body("{\"uid\":\"" + uid + "\"}")
                .post("/api/chargers/" + charger + "/simulate-tap")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath session(long id) {
        return caretaker()
                .get("/api/chargers/sessions/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @BeforeEach
    void freeChargers() {
        for (ChargingService.SessionView s : service.sessions(null, null, null, null, 1000)) {
            if (s.status().equals("OPEN")) {
                service.endByCaretaker(s.id(), "hauswart", "test reset");
            }
        }
        for (String ch : List.of("ch-1", "ch-2")) {
            service.simulateCar(ch, true, 11_000L, 20_000L);
        }
        time().advance(Duration.ofMinutes(1));
    }

    @Test
    void tap_enablesTheCharger_theCarDraws_tapAgain_stops_withRealReadings() throws Exception {
        JsonPath started = tap("ch-2", ANNA);
        assertThat(started.getString("outcome")).isEqualTo("STARTED");
        long id = started.getLong("sessionId");
        // The Heidelberg box got 16 A = 160 x 0.1 A in holding 261 over Modbus.
        int current = polling.onBus(
                "garage", bus -> bus.readRegisters(3, FunctionCode.HOLDING, 261, 1)[0], Duration.ofSeconds(30));
        assertThat(current).isEqualTo(160);
        time().advance(Duration.ofMinutes(30));
        JsonPath stopped = tap("ch-2", ANNA);
        assertThat(stopped.getString("outcome")).isEqualTo("STOPPED");
        int after = polling.onBus(
                "garage", bus -> bus.readRegisters(3, FunctionCode.HOLDING, 261, 1)[0], Duration.ofSeconds(30));
        assertThat(after).isZero();
        JsonPath s = session(id);
        assertThat(s.getString("status")).isEqualTo("CLOSED");
        assertThat(s.getString("endReason")).isEqualTo("CARD");
        assertThat(s.getString("cardUid")).isEqualTo(ANNA);
        assertThat(s.getString("residentName")).isEqualTo("Anna Berger");
        // 11 kW for 30 minutes, read from the SDM630 (float32 kWh) at start and end.
        assertThat(s.getLong("energyWh")).isCloseTo(5_500L, within(1L));
        assertThat(s.getLong("endWh") - s.getLong("startWh")).isEqualTo(s.getLong("energyWh"));
        // The charger meter's real readings tell the same: what the poller would store.
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select tenancy_id, meter_id, (select name from meter where id = meter_id) from charging_session where id = ?")) {
            ps.setLong(1, id);
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isPositive();
            assertThat(rs.getString(3)).isEqualTo("charger-2");
        }
    }

    @Test
    void relayCharger_withEm24Meter_countsInHundredWattHourSteps() {
        long id = tap("ch-1", BEN).getLong("sessionId");
        boolean coil = readCoil();
        assertThat(coil).isTrue();
        time().advance(Duration.ofHours(1));
        assertThat(tap("ch-1", BEN).getString("outcome")).isEqualTo("STOPPED");
        assertThat(readCoil()).isFalse();
        assertThat(session(id).getLong("energyWh")).isCloseTo(11_000L, within(100L));
    }

    private boolean readCoil() {
        try {
            return polling.onBus("garage", bus -> bus.readCoils(10, 0, 1)[0], Duration.ofSeconds(30));
        } catch (org.hausmeter.bus.ModbusFailure e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void otherCard_onBusyCharger_isRefused_andTheCardCannotChargeTwice() {
        assertThat(tap("ch-2", CEM).getString("outcome")).isEqualTo("STARTED");
        JsonPath busy = tap("ch-2", DORA);
        assertThat(busy.getString("outcome")).isEqualTo("REFUSED");
        assertThat(busy.getString("reason")).isEqualTo("BUSY");
        assertThat(tap("ch-1", CEM).getString("reason")).isEqualTo("CARD_IN_USE");
        assertThat(readCoil()).as("ch-1 stays off").isFalse();
    }

    @Test
    void unknownCard_isRefused_andLogged() {
        JsonPath r = tap("ch-1", "04DEADBEEF0001");
        assertThat(r.getString("outcome")).isEqualTo("REFUSED");
        assertThat(r.getString("message")).isEqualTo("Card 04DEADBEEF0001 is not registered");
        caretaker()
                .get("/api/chargers/decisions?charger=ch-1&limit=5")
                .then()
                .statusCode(200)
                .body("[0].cardUid", org.hamcrest.Matchers.equalTo("04DEADBEEF0001"))
                .body("[0].reason", org.hamcrest.Matchers.equalTo("UNKNOWN_CARD"))
                .body("[0].origin", org.hamcrest.Matchers.equalTo("SIMULATED_TAP"));
        assertThat(readCoil()).isFalse();
    }

    @Test
    void blockedExpiredAndMovedOutCards_areRefused_withClearMessages() {
        String uid = "04C0FFEE000001";
        caretaker()
                .body("{\"uid\":\"" + uid + "\",\"resident\":\"greta\",\"label\":\"spare\"}")
                .post("/api/cards")
                .then()
                .statusCode(201);
        caretaker()
                .body("{\"reason\":\"reported lost\"}")
                .post("/api/cards/" + uid + "/block")
                .then()
                .statusCode(200);
        String today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Europe/Berlin"))
                .toString();
        assertThat(tap("ch-1", uid).getString("message"))
                .isEqualTo("Card " + uid + " is blocked since " + today + " (reported lost)");
        caretaker()
                .body("{\"reason\":\"found\"}")
                .post("/api/cards/" + uid + "/unblock")
                .then()
                .statusCode(200);
        caretaker()
                .body("{\"expiresOn\":\"2020-01-31\"}")
                .put("/api/cards/" + uid + "/expiry")
                .then()
                .statusCode(200);
        time().advance(Duration.ofSeconds(10));
        assertThat(tap("ch-1", uid).getString("message")).isEqualTo("Card " + uid + " expired on 2020-01-31");
        assertThat(tap("ch-1", EMIL).getString("reason")).isEqualTo("NO_TENANCY");
        // Every change was audited with the caretaker's name.
        caretaker()
                .get("/api/cards/" + uid)
                .then()
                .statusCode(200)
                .body("expiresOn", org.hamcrest.Matchers.equalTo("2020-01-31"));
        assertThat(auditCount("card:" + uid)).isEqualTo(4);
    }

    private int auditCount(String subject) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from audit_event where subject = ? and actor = 'hauswart'")) {
            ps.setString(1, subject);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void twoQuickTaps_neverMakeTwoSessions_norStartAndStop() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(
                        pool.submit((Callable<String>) () -> tap("ch-1", DORA).getString("outcome")));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsOnlyOnce("STARTED").doesNotContain("STOPPED");
            assertThat(outcomes.stream().filter(o -> o.equals("IGNORED")).count())
                    .isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(service.sessions(null, null, null, "ch-1", 100).stream()
                        .filter(s -> s.status().equals("OPEN"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void carFull_thenIdle_endsTheSession_andNeverChargedIsFlagged() {
        service.simulateCar("ch-2", true, 11_000L, 2_000L);
        long id = tap("ch-2", BEN).getLong("sessionId");
        for (int minute = 1; minute <= 40; minute++) {
            time().advance(Duration.ofMinutes(1));
            service.checkSessions(clock.instant());
        }
        JsonPath s = session(id);
        assertThat(s.getString("status")).isEqualTo("CLOSED");
        assertThat(s.getString("endReason")).isEqualTo("IDLE");
        assertThat(s.getLong("energyWh")).isCloseTo(2_000L, within(1L));

        service.simulateCar("ch-1", false, null, null);
        long never = tap("ch-1", BEN).getLong("sessionId");
        time().advance(Duration.ofMinutes(31));
        service.checkSessions(clock.instant());
        JsonPath n = session(never);
        assertThat(n.getString("status")).isEqualTo("FLAGGED");
        assertThat(n.getString("endReason")).isEqualTo("NEVER_CHARGED");
        assertThat(n.getString("flagReason")).contains("never drew power");
        assertThat(readCoil()).isFalse();
    }

    @Test
    void unplugging_endsTheSessionAtTheHeidelbergBox() {
        long id = tap("ch-2", DORA).getLong("sessionId");
        time().advance(Duration.ofMinutes(10));
        service.checkSessions(clock.instant());
        service.simulateCar("ch-2", false, null, null);
        time().advance(Duration.ofSeconds(10));
        service.checkSessions(clock.instant());
        JsonPath s = session(id);
        assertThat(s.getString("endReason")).isEqualTo("UNPLUGGED");
        assertThat(s.getString("status")).isEqualTo("CLOSED");
        assertThat(s.getLong("energyWh")).isCloseTo(1_833L, within(1L));
    }

    @Test
    void restart_readsTheChargersBack_continuesOrEndsOpenSessions_andSwitchesOffStrayOnes() throws Exception {
        long id = tap("ch-1", CEM).getLong("sessionId");
        time().advance(Duration.ofMinutes(20));
        service.recover();
        assertThat(session(id).getString("status"))
                .as("charger still on: the session continues")
                .isEqualTo("OPEN");
        // The relay was switched off while the server was down (someone at the module, a power cut).
        polling.onBus(
                "garage",
                bus -> {
                    bus.writeSingleCoil(10, 0, false);
                    return null;
                },
                Duration.ofSeconds(30));
        time().advance(Duration.ofMinutes(5));
        service.recover();
        JsonPath s = session(id);
        assertThat(s.getString("status")).isEqualTo("CLOSED");
        assertThat(s.getString("endReason")).isEqualTo("RECOVERY");
        assertThat(s.getLong("energyWh"))
                .as("20 min at 11 kW, EM24 100 Wh steps")
                .isCloseTo(3_667L, within(100L));
        // A charger found on without a session is switched off.
        polling.onBus(
                "garage",
                bus -> {
                    bus.writeSingleCoil(10, 0, true);
                    return null;
                },
                Duration.ofSeconds(30));
        service.recover();
        assertThat(readCoil()).isFalse();
        caretaker()
                .get("/api/chargers/decisions?charger=ch-1&limit=1")
                .then()
                .body("[0].reason", org.hamcrest.Matchers.equalTo("ENABLED_WITHOUT_SESSION"));
    }

    @Test
    void enrollment_registersTheNextUnknownCard_butNeverARandomId() {
        caretaker()
                .body("{\"resident\":\"katya\",\"label\":\"new card\"}")
                .post("/api/cards/enrollment")
                .then()
                .statusCode(200)
                .body("residentUsername", org.hamcrest.Matchers.equalTo("katya"));
        JsonPath random = tap("ch-1", "08AABBCC");
        assertThat(random.getString("reason")).isEqualTo("RANDOM_ID");
        assertThat(random.getString("message")).contains("cannot be registered");
        JsonPath enrolled = tap("ch-2", "04E1E2E3E4E5E6");
        assertThat(enrolled.getString("outcome")).isEqualTo("ENROLLED");
        caretaker()
                .get("/api/cards/04E1E2E3E4E5E6")
                .then()
                .statusCode(200)
                .body("residentUsername", org.hamcrest.Matchers.equalTo("katya"))
                .body("registeredBy", org.hamcrest.Matchers.equalTo("hauswart"));
        caretaker().get("/api/cards/enrollment").then().statusCode(204);
        caretaker()
                .body("{\"uid\":\"08AABBCC\",\"resident\":\"katya\"}")
                .post("/api/cards")
                .then()
                .statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("random ID"));
        time().advance(Duration.ofSeconds(10));
        assertThat(tap("ch-2", "04E1E2E3E4E5E6").getString("outcome")).isEqualTo("STARTED");
    }

    @Test
    void residents_seeOnlyTheirOwnSessions_caretakerSeesAll_andEndsOne() {
        long mine = tap("ch-1", ANNA).getLong("sessionId");
        long theirs = tap("ch-2", BEN).getLong("sessionId");
        given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .get("/api/me/charging-sessions")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem((int) mine))
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) theirs)))
                .body("residentName", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("Anna Berger")));
        given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .get("/api/chargers")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .contentType(ContentType.JSON)
                .body("{\"uid\":\"" + ANNA + "\"}")
                .post("/api/chargers/ch-1/simulate-tap")
                .then()
                .statusCode(403);
        caretaker()
                .get("/api/chargers")
                .then()
                .statusCode(200)
                .body("find { it.id == 'ch-1' }.openSession.id", org.hamcrest.Matchers.equalTo((int) mine))
                .body(
                        "find { it.id == 'ch-2' }.controlProfile",
                        org.hamcrest.Matchers.equalTo("heidelberg-energy-control"));
        time().advance(Duration.ofMinutes(6));
        caretaker()
                .body("{}")
                .post("/api/chargers/sessions/" + theirs + "/end")
                .then()
                .statusCode(400);
        caretaker()
                .body("{\"reason\":\"car parked too long\"}")
                .post("/api/chargers/sessions/" + theirs + "/end")
                .then()
                .statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("ENDED"));
        assertThat(session(theirs).getString("endReason")).isEqualTo("CARETAKER");
        assertThat(auditCount("charging-session:" + theirs)).isEqualTo(1);
    }
}
