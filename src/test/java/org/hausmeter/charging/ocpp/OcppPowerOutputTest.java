package org.hausmeter.charging.ocpp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hausmeter.charging.power.ChargerPowerOutput;
import org.hausmeter.charging.power.PowerControl;
import org.hausmeter.charging.power.PowerPlanner;
import org.hausmeter.support.Leftovers;
import org.junit.jupiter.api.Test;

/**
 * The power control's OCPP output: a connected, accepted wallbox's connector is a charger the power control plans,
 * and a limit reaches it as a SetChargingProfile that passes the OCPP schema; a refusal is an error, not a limit.
 */
@QuarkusTest
class OcppPowerOutputTest {

    static final String PASSWORD = "0123456789abcdefPOWER";

    @TestHTTPResource("/")
    URI base;

    @Inject
    OcppPowerOutput output;

    @Inject
    PowerControl power;

    @Inject
    Clock clock;

    @Test
    void aConnectedWallboxsConnector_isPlanned_andItsLimitArrivesAsSetChargingProfile() throws Exception {
        String id = "tpow-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Leftovers.afterClass(List.of(
                "DELETE FROM power_limit_change WHERE charger LIKE '" + id + "%' OR charger IN ('ch-1', 'ch-2')",
                "DELETE FROM ocpp_connector WHERE charge_point = '" + id + "'",
                "DELETE FROM ocpp_charge_point WHERE id = '" + id + "'"));
        try (OcppSimulator first = OcppSimulator.connect(base, id, null)) {
            first.boot();
        }
        assertThat(output.handles(id))
                .as("pending charge points are not controlled")
                .isFalse();
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .contentType(ContentType.JSON)
                .body(Map.of("password", PASSWORD))
                .post("/api/ocpp/charge-points/" + id + "/accept")
                .then()
                .statusCode(200);
        try (OcppSimulator s = OcppSimulator.connect(base, id, PASSWORD)) {
            s.handlers.put("SetChargingProfile", p -> OcppSimulator.obj().put("status", "Accepted"));
            s.boot();
            Instant now = clock.instant();
            s.status(1, "Charging", now.toString());
            s.status(2, "Available", now.toString());
            s.meterValues(1, null, now.toString(), 1_000, 6_900); // 2,300 W on each of three phases

            assertThat(output.handles(id)).isTrue();
            assertThat(output.handles(id + "-2")).isTrue();
            assertThat(output.unlisted(now))
                    .contains(
                            new ChargerPowerOutput.Unlisted(id, 6_900, true),
                            new ChargerPowerOutput.Unlisted(id + "-2", 0, false));

            PowerPlanner.Plan plan = power.run(now);
            assertThat(plan.decisions())
                    .extracting(PowerPlanner.Decision::chargerId)
                    .contains(id, id + "-2");

            int before = s.callsOf("SetChargingProfile").size();
            output.setLimit(id + "-2", 10, 1);
            List<JsonNode> sent = s.callsOf("SetChargingProfile");
            assertThat(sent).hasSize(before + 1);
            JsonNode last = sent.get(sent.size() - 1);
            assertThat(last.get("connectorId").asInt()).isEqualTo(2);
            JsonNode profile = last.get("csChargingProfiles");
            assertThat(profile.get("chargingProfilePurpose").asText()).isEqualTo("TxDefaultProfile");
            assertThat(profile.get("chargingProfileId").asInt()).isEqualTo(102);
            JsonNode period = profile.get("chargingSchedule")
                    .get("chargingSchedulePeriod")
                    .get(0);
            assertThat(profile.get("chargingSchedule").get("chargingRateUnit").asText())
                    .isEqualTo("A");
            assertThat(period.get("limit").decimalValue()).isEqualByComparingTo("10");
            assertThat(period.get("numberPhases").asInt()).isEqualTo(1);

            s.handlers.put("SetChargingProfile", p -> OcppSimulator.obj().put("status", "Rejected"));
            assertThatThrownBy(() -> output.setLimit(id, 6, 3))
                    .isInstanceOf(ChargerPowerOutput.PowerOutputException.class)
                    .hasMessageContaining("Rejected");
        }
        assertThat(output.handles(id))
                .as("a disconnected wallbox is not controlled")
                .isFalse();
    }
}
