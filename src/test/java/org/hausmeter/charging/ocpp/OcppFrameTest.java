package org.hausmeter.charging.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** OCPP-J framing and the schema violations' error codes, without a server. */
class OcppFrameTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final OcppSchemas schemas = new OcppSchemas();

    @Test
    void theThreeFrames_areRead_andWrittenBack() throws Exception {
        OcppFrame call = OcppFrame.parse("[2, \"19223201\", \"BootNotification\", {\"chargePointVendor\": \"VendorX\","
                + " \"chargePointModel\": \"SingleSocketCharger\"}]");
        assertThat(call).isInstanceOf(OcppFrame.Call.class);
        assertThat(((OcppFrame.Call) call).action()).isEqualTo("BootNotification");
        assertThat(OcppFrame.parse("[3, \"19223201\", {\"currentTime\": \"2013-02-01T20:53:32.486Z\"}]"))
                .isInstanceOf(OcppFrame.CallResult.class);
        OcppFrame error = OcppFrame.parse("[4, \"a\", \"NotSupported\", \"no\", {}]");
        assertThat(((OcppFrame.CallError) error).code()).isEqualTo("NotSupported");
        assertThat(OcppFrame.error("x", OcppError.Code.FormationViolation, "bad"))
                .isEqualTo("[4,\"x\",\"FormationViolation\",\"bad\",{}]");
        ObjectNode p = JSON.createObjectNode().put("idTag", "04A1B2C3");
        assertThat(OcppFrame.parse(OcppFrame.call("id-1", "Authorize", p)))
                .isEqualTo(new OcppFrame.Call("id-1", "Authorize", p));
    }

    @Test
    void uniqueIds_haveAtMost36Characters() throws Exception {
        assertThat(OcppFrame.parse("[2, \"" + "a".repeat(36) + "\", \"Heartbeat\", {}]"))
                .isNotNull();
        OcppFrame.Malformed m = catchThrowableOfType(
                () -> OcppFrame.parse("[2, \"" + "a".repeat(37) + "\", \"Heartbeat\", {}]"), OcppFrame.Malformed.class);
        assertThat(m.code).isEqualTo(OcppError.Code.FormationViolation);
        assertThat(m.uniqueId).hasSize(36);
        OcppFrame.Malformed empty =
                catchThrowableOfType(() -> OcppFrame.parse("[2, \"\", \"Heartbeat\", {}]"), OcppFrame.Malformed.class);
        assertThat(empty.code).isEqualTo(OcppError.Code.FormationViolation);
    }

    @Test
    void aBrokenAnswer_isNeverAnswered_butABrokenCallIs() {
        OcppFrame.Malformed result =
                catchThrowableOfType(() -> OcppFrame.parse("[3, \"x\"]"), OcppFrame.Malformed.class);
        assertThat(result.answer).isFalse();
        OcppFrame.Malformed call = catchThrowableOfType(
                () -> OcppFrame.parse("[2, \"x\", \"Heartbeat\", null]"), OcppFrame.Malformed.class);
        assertThat(call.answer).isTrue();
        assertThat(call.uniqueId).isEqualTo("x");
    }

    @Test
    void anyText_givesAFrameOrMalformed_neverAnotherException() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        String alphabet = "[]{}\",:0123456789abc \\2 3 4null";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(40);
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            try {
                OcppFrame.parse(b.toString());
            } catch (OcppFrame.Malformed expected) {
                assertThat(expected.code).as("seed %d: %s", seed, b).isEqualTo(OcppError.Code.FormationViolation);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": [" + b + "] threw " + e, e);
            }
        }
    }

    @Test
    void schemaViolations_mapToTheOcppErrorCodes() throws Exception {
        assertThat(schemas.check("Authorize", false, JSON.readTree("{\"idTag\": \"04A1B2C3\"}")))
                .isEmpty();
        assertThat(schemas.check("Authorize", false, JSON.readTree("{\"idTag\": 4}"))
                        .orElseThrow()
                        .code())
                .isEqualTo(OcppError.Code.TypeConstraintViolation);
        assertThat(schemas.check("Authorize", false, JSON.readTree("{}"))
                        .orElseThrow()
                        .code())
                .isEqualTo(OcppError.Code.OccurenceConstraintViolation);
        assertThat(schemas.check("Authorize", false, JSON.readTree("{\"idTag\": \"123456789012345678901\"}"))
                        .orElseThrow()
                        .code())
                .isEqualTo(OcppError.Code.PropertyConstraintViolation);
        assertThat(schemas.check("Authorize", false, JSON.readTree("{\"idTag\": \"04A1B2C3\", \"x\": 1}"))
                        .orElseThrow()
                        .code())
                .isEqualTo(OcppError.Code.FormationViolation);
        assertThat(schemas.check(
                        "BootNotificationResponse".replace("Response", ""),
                        true,
                        JSON.readTree("{\"status\": \"Accepted\", \"currentTime\": \"2026-11-20T09:00:00Z\","
                                + " \"heartbeatInterval\": 300}")))
                .as("the schema wants interval, not the spec example's heartbeatInterval")
                .isPresent();
        assertThat(schemas.knows("Heartbeat")).isTrue();
        assertThat(schemas.knows("FlyToTheMoon")).isFalse();
        assertThat(schemas.knows("../../etc/passwd")).isFalse();
    }

    @Test
    void sampledValues_areWholeWh_kWhTimes1000_roundedOnce() throws Exception {
        assertThat(OcppTransactions.value(JSON.readTree("{\"value\": \"12.3456\", \"unit\": \"kWh\"}")))
                .contains(12_346L);
        assertThat(OcppTransactions.value(JSON.readTree("{\"value\": \"1500\"}")))
                .contains(1_500L);
        assertThat(OcppTransactions.value(JSON.readTree("{\"value\": \"7.4\", \"unit\": \"kW\"}")))
                .contains(7_400L);
        assertThat(OcppTransactions.value(JSON.readTree("{\"value\": \"n/a\"}")))
                .isEmpty();
        assertThat(OcppTransactions.chargerId("cp", 1)).isEqualTo("cp");
        assertThat(OcppTransactions.chargerId("cp", 2)).isEqualTo("cp-2");
        assertThat(OcppTransactions.onChargePoint("cp-2", "cp")).isTrue();
        assertThat(OcppTransactions.onChargePoint("garage-2", "garage-2")).isTrue();
        assertThat(OcppTransactions.onChargePoint("garage-2", "garage"))
                .as("connector 2 of garage")
                .isTrue();
        assertThat(OcppTransactions.onChargePoint("garage-x", "garage")).isFalse();
        assertThat(OcppTransactions.onChargePoint("cp-1", "cp"))
                .as("connector 1 is the id itself")
                .isFalse();
    }
}
