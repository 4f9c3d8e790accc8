package org.hausmeter.bus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.hausmeter.bus.sim.SlaveFault;
import org.junit.jupiter.api.Test;

/** Commissioning: "read all meters now" over the API against the simulated demo building; the poller's health. */
@QuarkusTest
class ReadNowTest {

    @Inject
    PollingService polling;

    @Inject
    AgroalDataSource db;

    @Test
    void readNow_answersEveryMeterWithItsCounters_andStoresNothing() throws Exception {
        JsonPath answer = given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .when()
                .post("/api/buses/read-now")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> meters = answer.getList("$");
        assertThat(meters).hasSize(17);
        assertThat(meters).allSatisfy(m -> {
            assertThat(m.get("ok")).as(m.get("meter").toString()).isEqualTo(true);
            assertThat(m.get("failure")).isNull();
            assertThat(((Number) m.get("importWh")).longValue()).isNotNegative();
            assertThat(((Number) m.get("durationMs")).longValue()).isNotNegative();
        });
        Map<String, Object> grid = meters.stream()
                .filter(m -> m.get("meter").equals("grid"))
                .findFirst()
                .orElseThrow();
        assertThat(grid).containsEntry("bus", "rtu0").containsKeys("unitId", "model", "exportWh", "readAt");
        assertThat(grid.get("exportWh")).isNotNull();
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM meter_reading r JOIN meter m ON m.id = r.meter_id"
                                + " WHERE m.name = ? AND r.read_at = ?")) {
            for (Map<String, Object> m : meters) {
                ps.setString(1, (String) m.get("meter"));
                ps.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.parse((String) m.get("readAt"))));
                ResultSet rs = ps.executeQuery();
                rs.next();
                assertThat(rs.getInt(1))
                        .as("stored read-now reading of " + m.get("meter"))
                        .isZero();
            }
        }
    }

    @Test
    void readNow_saysWhichMeterFails_andHow() {
        PolledMeter apt = polling.polledMeter("apt-0.1").orElseThrow();
        String bus = polling.pollers().entrySet().stream()
                .filter(e -> e.getValue().meters().contains(apt))
                .findFirst()
                .orElseThrow()
                .getKey();
        polling.simulator().orElseThrow().server(bus).setFault(apt.unitId(), SlaveFault.SILENT);
        try {
            given().auth()
                    .preemptive()
                    .basic("hauswart", "hauswart-demo")
                    .when()
                    .post("/api/buses/read-now")
                    .then()
                    .statusCode(200)
                    .body("find { it.meter == 'apt-0.1' }.ok", equalTo(false))
                    .body("find { it.meter == 'apt-0.1' }.failure", equalTo("TIMEOUT"))
                    .body("find { it.meter == 'apt-0.1' }.importWh", equalTo(null))
                    .body("find { it.meter == 'grid' }.ok", equalTo(true));
        } finally {
            polling.simulator().orElseThrow().server(bus).setFault(apt.unitId(), SlaveFault.NONE);
        }
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .when()
                .post("/api/buses/read-now")
                .then()
                .statusCode(200)
                .body("find { it.meter == 'apt-0.1' }.ok", equalTo(true));
        assertThat(apt.health().consecutiveFailures()).isZero();
    }

    @Test
    void aMeterThatGoesDefectiveAndRecovers_isLoggedOncePerChange_withTheKind() {
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(MeterHealthLog.class.getName());
        logger.addHandler(capture);
        PolledMeter apt = polling.polledMeter("apt-0.2").orElseThrow();
        String bus = polling.pollers().entrySet().stream()
                .filter(e -> e.getValue().meters().contains(apt))
                .findFirst()
                .orElseThrow()
                .getKey();
        try {
            polling.simulator().orElseThrow().server(bus).setFault(apt.unitId(), SlaveFault.SILENT);
            try {
                for (int i = 0; i < 4; i++) {
                    polling.readAllNow(java.time.Duration.ofMinutes(1));
                }
            } finally {
                polling.simulator().orElseThrow().server(bus).setFault(apt.unitId(), SlaveFault.NONE);
            }
            polling.readAllNow(java.time.Duration.ofMinutes(1));
            polling.readAllNow(java.time.Duration.ofMinutes(1));
        } finally {
            logger.removeHandler(capture);
        }
        List<String> lines = records.stream()
                .map(java.util.logging.LogRecord::getMessage)
                .filter(m -> m.startsWith("Meter [apt-0.2]"))
                .toList();
        String prefix = "Meter [apt-0.2] (bus [" + bus + "], unit " + apt.unitId() + ")";
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith(prefix + " is defective: 3 failed reads in a row, last TIMEOUT: \"");
        assertThat(lines.get(1)).startsWith(prefix + " answers again after ");
    }

    @Test
    void readNow_isForTheCaretakerOnly() {
        given().when().post("/api/buses/read-now").then().statusCode(401);
        given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .when()
                .post("/api/buses/read-now")
                .then()
                .statusCode(403);
    }

    @Test
    void health_includesThePoller_upWhilePolling() {
        assertThat(polling.lastCompletedCycle()).isPresent();
        given().when()
                .get("/q/health")
                .then()
                .body("checks.name", hasItem("Meter polling"))
                .body("checks.find { it.name == 'Meter polling' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Meter polling' }.data.polling", equalTo("on"));
    }
}
