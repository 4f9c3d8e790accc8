package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.bus.PolledMeter;
import org.hausmeter.bus.PollingService;
import org.hausmeter.bus.sim.SlaveFault;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.Test;

/** The meters page's "read all meters now" button: a CSRF-protected POST whose answer is a table of what each meter said. */
@QuarkusTest
class CaretakerReadNowPageTest {

    @Inject
    PollingService polling;

    @Test
    void theButton_readsEveryMeter_andShowsTheAnswers() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
        WebSession caretaker = WebSession.caretaker();
        String page = caretaker
                .cookies()
                .get("/caretaker/meters")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("action=\"/caretaker/meters/read-now\"")
                .contains("id=\"read-now\"")
                .contains("Alle Zähler jetzt lesen")
                .doesNotContain("id=\"read-now-result\"");

        caretaker.cookies().post("/caretaker/meters/read-now").then().statusCode(403);
        caretaker
                .cookies()
                .formParam("_csrf", "forged")
                .post("/caretaker/meters/read-now")
                .then()
                .statusCode(403);

        Response answer = caretaker.form().post("/caretaker/meters/read-now");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.asString())
                .contains("id=\"read-now-result\"")
                .contains("Jetzt gelesen: 17 von 17 Zählern")
                .contains("<table class=\"data\" id=\"read-now\"")
                .contains("href=\"/caretaker/meters/grid\"")
                .contains("rtu0 · 30")
                .contains("id=\"meters\"");

        WebSession.login("anna", "anna-demo")
                .form()
                .post("/caretaker/meters/read-now")
                .then()
                .statusCode(403);
    }

    @Test
    void aSilentMeter_showsItsFailureKind_inTheAnswerAndOnItsPage() {
        WebSession caretaker = WebSession.caretaker();
        PolledMeter apt = polling.polledMeter("apt-0.1").orElseThrow();
        String bus = polling.pollers().entrySet().stream()
                .filter(e -> e.getValue().meters().contains(apt))
                .findFirst()
                .orElseThrow()
                .getKey();
        polling.simulator().orElseThrow().server(bus).setFault(apt.unitId(), SlaveFault.SILENT);
        try {
            assertThat(caretaker.form().post("/caretaker/meters/read-now").asString())
                    .contains("Jetzt gelesen: 16 von 17 Zählern")
                    .contains("<span class=\"badge warn\">TIMEOUT</span>");
            assertThat(caretaker.cookies().get("/caretaker/meters/apt-0.1").asString())
                    .contains("<dd id=\"failure-kind\">TIMEOUT</dd>");
        } finally {
            polling.simulator().orElseThrow().server(bus).setFault(apt.unitId(), SlaveFault.NONE);
        }
        assertThat(caretaker.form().post("/caretaker/meters/read-now").asString())
                .contains("17 von 17");
        assertThat(caretaker.cookies().get("/caretaker/meters/apt-0.1").asString())
                .doesNotContain("failure-kind");
    }
}
