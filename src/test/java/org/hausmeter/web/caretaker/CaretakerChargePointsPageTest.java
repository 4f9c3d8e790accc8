package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.charging.ocpp.OcppSimulator;
import org.hausmeter.support.Leftovers;
import org.hausmeter.support.TestTime;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.Test;

/**
 * The caretaker's OCPP wallbox page with a simulated wallbox connected over a real WebSocket: a new wallbox shows
 * as pending, accepting it (with a generated password shown once) lets it boot Accepted, and the page's commands
 * reach the wallbox (remote stop, reset) or say why not (not connected). Charge point ids start with {@code tcpp}.
 */
@QuarkusTest
class CaretakerChargePointsPageTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aPendingWallbox_isAccepted_andTheCommandsReachIt() {
        String id = "tcpp-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String cps = "'" + id + "'";
        Leftovers.afterClass(List.of(
                "DELETE FROM ocpp_transaction WHERE charge_point = " + cps,
                "DELETE FROM ocpp_connector WHERE charge_point = " + cps,
                "DELETE FROM ocpp_charge_point WHERE id = " + cps));
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
        WebSession caretaker = WebSession.caretaker();

        try (OcppSimulator first = OcppSimulator.connect(base, id, null)) {
            assertThat(first.boot().get("status").asText()).isEqualTo("Pending");
            String page = caretaker
                    .cookies()
                    .get("/caretaker/charge-points")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(page)
                    .contains("id=\"cp-" + id + "\"")
                    .contains("wartet auf Freigabe")
                    .contains("<span class=\"badge ok\">verbunden</span>")
                    .contains("Hausmeter Sim-1")
                    .contains("action=\"/caretaker/charge-points/" + id + "/accept\"")
                    .doesNotContain("action=\"/caretaker/charge-points/" + id + "/remote-stop\"");
            assertThat(caretaker.cookies().get("/caretaker/chargers").asString())
                    .contains("href=\"/caretaker/charge-points\"");

            caretaker
                    .cookies()
                    .post("/caretaker/charge-points/" + id + "/accept")
                    .then()
                    .statusCode(403);
            caretaker
                    .form()
                    .formParam("password", "short")
                    .post("/caretaker/charge-points/" + id + "/accept")
                    .then()
                    .statusCode(400);

            Response accepted =
                    caretaker.form().formParam("generate", "true").post("/caretaker/charge-points/" + id + "/accept");
            assertThat(accepted.statusCode()).isEqualTo(200);
            String shown = accepted.asString();
            assertThat(shown).contains("ist freigegeben").contains("class=\"badge ok\" id=\"status-" + id + "\"");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "Passwort \\(nur jetzt sichtbar[^:]*\\): ([0-9a-f]{40})")
                    .matcher(shown);
            assertThat(m.find()).as("the generated password on the page").isTrue();
            String password = m.group(1);
            assertThat(caretaker.cookies().get("/caretaker/charge-points").asString())
                    .doesNotContain(password);
            await(() -> !first.isOpen(), "the connection without a password to close");

            try (OcppSimulator cp = OcppSimulator.connect(base, id, password)) {
                assertThat(cp.boot().get("status").asText()).isEqualTo("Accepted");
                cp.status(1, "Charging", TestTime.PINNED.toString());
                String page2 =
                        caretaker.cookies().get("/caretaker/charge-points").asString();
                assertThat(page2)
                        .contains("freigegeben")
                        .contains("id=\"connectors-" + id + "\"")
                        .contains("Charging")
                        .contains("action=\"/caretaker/charge-points/" + id + "/remote-stop\"")
                        .contains("data-confirm=\"Die Wallbox wirklich neu starten?");

                Response stop = caretaker
                        .form()
                        .formParam("transactionId", "4711")
                        .post("/caretaker/charge-points/" + id + "/remote-stop");
                assertThat(stop.statusCode()).isEqualTo(303);
                assertThat(caretaker.follow(stop).asString())
                        .contains(id + " hat RemoteStopTransaction beantwortet: Accepted");
                assertThat(cp.callsOf("RemoteStopTransaction"))
                        .singleElement()
                        .satisfies(
                                p -> assertThat(p.get("transactionId").asInt()).isEqualTo(4711));

                caretaker
                        .form()
                        .formParam("transactionId", "x")
                        .post("/caretaker/charge-points/" + id + "/remote-stop")
                        .then()
                        .statusCode(400);
                caretaker
                        .form()
                        .formParam("type", "Hard")
                        .post("/caretaker/charge-points/" + id + "/reset")
                        .then()
                        .statusCode(303);
                assertThat(cp.callsOf("Reset").get(0).get("type").asText()).isEqualTo("Hard");
                assertThat(caretaker
                                .cookies()
                                .get("/caretaker/charge-points/" + id + "/configuration")
                                .asString())
                        .contains("id=\"config\"")
                        .contains("MeterValueSampleInterval");
            }
            await(
                    () -> !caretaker
                            .cookies()
                            .get("/caretaker/charge-points")
                            .asString()
                            .contains("<span class=\"badge ok\">verbunden"),
                    "the page to see the wallbox gone");
            Response offline =
                    caretaker.form().formParam("connectorId", "1").post("/caretaker/charge-points/" + id + "/unlock");
            assertThat(offline.statusCode()).isEqualTo(409);
            assertThat(offline.asString()).contains("ist nicht verbunden");
        }
        WebSession.login("anna", "anna-demo")
                .cookies()
                .get("/caretaker/charge-points")
                .then()
                .statusCode(403);
    }

    static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
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
}
