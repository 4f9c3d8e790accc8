package org.hausmeter.charging.power;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hausmeter.bus.FunctionCode;
import org.hausmeter.bus.PollingService;
import org.hausmeter.charging.ChargingService;
import org.hausmeter.charging.ChargingTestProfile;
import org.hausmeter.charging.power.PowerPlanner.Decision;
import org.hausmeter.demo.DemoBuilding;
import org.hausmeter.support.Leftovers;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The power control on the demo building: ch-2 is a Heidelberg Energy Control (limit in holding 261, 0.1 A) on
 * the simulated garage bus, ch-1 a relay nobody can limit. The planner's limits reach the box over Modbus, the
 * resident's mode changes them, the caretaker's § 14a switch caps them at 4.2 kW and is a period in the grid
 * operator's CSV, and a paused session is not ended for idling.
 */
@QuarkusTest
@TestProfile(ChargingTestProfile.class)
class PowerControlTest {

    static final String ANNA = DemoBuilding.demoCard(DemoBuilding.LOGINS.stream()
            .filter(l -> l.username().equals("anna"))
            .findFirst()
            .orElseThrow());

    @Inject
    Clock clock;

    @Inject
    PowerControl control;

    @Inject
    ChargingService service;

    @Inject
    PollingService polling;

    @Inject
    AgroalDataSource db;

    static RequestSpecification caretaker() {
        return given().auth().preemptive().basic("hauswart", "hauswart-demo").contentType(ContentType.JSON);
    }

    static RequestSpecification anna() {
        return given().auth().preemptive().basic("anna", "anna-demo").contentType(ContentType.JSON);
    }

    MutableClock time() {
        return (MutableClock) clock;
    }

    int register261() throws Exception {
        return polling.onBus(
                "garage", bus -> bus.readRegisters(3, FunctionCode.HOLDING, 261, 1)[0], Duration.ofSeconds(30));
    }

    @Inject
    org.hausmeter.live.LiveValues live;

    /** A run right after the live values said: night, the building buys 5 kW. */
    Decision nightRun() {
        live.publish(List.of(
                new org.hausmeter.live.LiveValues.LivePower("grid", 5_000, clock.instant()),
                new org.hausmeter.live.LiveValues.LivePower("pv", 0, clock.instant())));
        Decision d = ch2();
        assertThat(control.lastBuilding().orElseThrow().pvW())
                .as("the run used the night values")
                .isZero();
        return d;
    }

    Decision ch2() {
        return control.run(clock.instant()).of("ch-2").orElseThrow();
    }

    @Test
    void limitsReachTheWallbox_followTheResidentsMode_andTheDimmingSwitch() throws Exception {
        Leftovers.afterClass(List.of(
                "DELETE FROM power_limit_change WHERE charger IN ('ch-1', 'ch-2')",
                "DELETE FROM grid_dimming_period WHERE source = 'CARETAKER'"));
        for (ChargingService.SessionView s : service.sessions(null, null, null, null, 1000)) {
            if (s.status().equals("OPEN")) {
                service.endByCaretaker(s.id(), "hauswart", "test reset");
            }
        }
        service.simulateCar("ch-2", true, 11_000L, 50_000L);
        time().advance(Duration.ofMinutes(1));
        long id = caretaker()
                .body("{\"uid\":\"" + ANNA + "\"}")
                .post("/api/chargers/ch-2/simulate-tap")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("sessionId");
        assertThat(register261()).as("the session starts at the profile's 16 A").isEqualTo(160);

        // the default mode SOLAR_PLUS_MIN: at least 6 A, whatever the simulated sun gives
        Decision d = ch2();
        assertThat(d.amps()).isBetween(6, 16);
        assertThat(register261()).isEqualTo(d.amps() * 10);

        // the resident chooses FAST on their phone: the box's maximum
        anna().body("{\"mode\":\"FAST\"}")
                .put("/api/me/charging-sessions/" + id + "/mode")
                .then()
                .statusCode(200);
        time().advance(Duration.ofSeconds(15));
        d = ch2();
        assertThat(d.amps()).isEqualTo(16);
        assertThat(d.reason()).isEqualTo(PowerPlanner.Reason.FAST);
        assertThat(register261()).isEqualTo(160);
        // another resident cannot change it
        given().auth()
                .preemptive()
                .basic("ben", "ben-demo1")
                .contentType(ContentType.JSON)
                .body("{\"mode\":\"SOLAR_ONLY\"}")
                .put("/api/me/charging-sessions/" + id + "/mode")
                .then()
                .statusCode(404);

        // § 14a: the caretaker's test switch caps all chargers at 4.2 kW: 6 A on three phases = 4140 W
        time().advance(Duration.ofSeconds(15));
        caretaker()
                .body("{\"active\":true,\"reason\":\"test of the 14a input\"}")
                .put("/api/power/dimming")
                .then()
                .statusCode(200);
        assertThat(register261()).isEqualTo(60);
        assertThat(control.lastPlan().orElseThrow().of("ch-2").orElseThrow().reason())
                .isEqualTo(PowerPlanner.Reason.DIMMED_14A);
        String open = caretaker()
                .get("/api/power/dimming-periods.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(open).startsWith("start,end,source,limit_w,max_planned_w,started_by,ended_by\r\n");
        assertThat(open).contains(",,CARETAKER,4200,4140,hauswart,\r\n");
        time().advance(Duration.ofMinutes(10));
        caretaker().body("{\"active\":false}").put("/api/power/dimming").then().statusCode(200);
        assertThat(register261()).isEqualTo(160);
        String closed = caretaker()
                .get("/api/power/dimming-periods.csv")
                .then()
                .extract()
                .asString();
        assertThat(closed).containsPattern("Z,20\\d\\d-[0-9T:.-]+Z,CARETAKER,4200,4140,hauswart,hauswart\r\n");

        // every change is in the log, with the session
        try (Connection c = db.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT amps, reason, dimmed, output, ok FROM power_limit_change"
                                + " WHERE session_id = " + id + " ORDER BY id")) {
            StringBuilder log = new StringBuilder();
            while (rs.next()) {
                log.append(rs.getInt(1))
                        .append(' ')
                        .append(rs.getString(2))
                        .append(' ')
                        .append(rs.getBoolean(3))
                        .append(' ')
                        .append(rs.getString(4))
                        .append(' ')
                        .append(rs.getBoolean(5))
                        .append('\n');
            }
            assertThat(log.toString()).contains("16 FAST false MODBUS true", "6 DIMMED_14A true MODBUS true");
            assertThat(log.toString()).endsWith("16 FAST false MODBUS true\n");
        }

        // the phone-friendly form on /me/charging: the open session's three modes, FAST chosen
        org.hausmeter.web.WebSession web = org.hausmeter.web.WebSession.login("anna", "anna-demo");
        String page = web.cookies().get("/me/charging").asString();
        assertThat(page)
                .contains("action=\"/me/charging/" + id + "/mode\"")
                .contains("Lademodus an Wallbox Garage 2")
                .contains("value=\"FAST\" checked")
                .contains("Nur Solarstrom", "Solar + Minimum", "Schnell");
        var saved = web.form().formParam("mode", "SOLAR_PLUS_MIN").post("/me/charging/" + id + "/mode");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(web.follow(saved).asString())
                .contains("Lademodus gespeichert.")
                .contains("value=\"SOLAR_PLUS_MIN\" checked");
        org.hausmeter.web.WebSession benWeb = org.hausmeter.web.WebSession.login("ben", "ben-demo1");
        assertThat(benWeb.form()
                        .formParam("mode", "FAST")
                        .post("/me/charging/" + id + "/mode")
                        .asString())
                .contains("Der Lademodus wurde nicht gespeichert: diese Ladung gehört nicht zu Ihrem Konto.");

        // SOLAR_ONLY at night (the live values say: no PV, 5 kW from the grid): the charger holds 6 A for the stop
        // delay, then pauses; the session monitor does not end the paused session for idling
        anna().body("{\"mode\":\"SOLAR_ONLY\"}")
                .put("/api/me/charging-sessions/" + id + "/mode")
                .then()
                .statusCode(200);
        time().advance(Duration.ofHours(3));
        d = nightRun();
        assertThat(d.amps()).isEqualTo(6);
        assertThat(d.reason()).isEqualTo(PowerPlanner.Reason.HOLD_MIN_ON);
        time().advance(Duration.ofMinutes(2));
        d = nightRun();
        assertThat(d.amps()).isZero();
        assertThat(d.reason()).isEqualTo(PowerPlanner.Reason.SOLAR_WAITING);
        assertThat(register261()).isZero();
        time().advance(Duration.ofMinutes(40));
        service.checkSessions(clock.instant());
        assertThat(service.session(id).orElseThrow().status())
                .as("paused by the power control, not idle")
                .isEqualTo("OPEN");
        service.endByCaretaker(id, "hauswart", "test end");
        caretaker().get("/api/power").then().statusCode(200);
    }
}
