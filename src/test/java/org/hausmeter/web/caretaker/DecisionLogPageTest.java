package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.charging.ChargingService;
import org.hausmeter.web.Formats;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.Test;

/**
 * The caretaker's charging decision log in words: a started and an ended session with their energy in kWh with the
 * locale's separators, a refused card with its reason as a sentence, the person's name, in German and English; the
 * service's English log line only folded away.
 */
@QuarkusTest
class DecisionLogPageTest {

    static final String MO = "04A1B2C3D4E50D";
    static final String UNKNOWN = "04A1B2C3D4E5EE";

    @Inject
    ChargingService charging;

    /** The decision log's table with the folded log lines taken out: what the caretaker reads. */
    static String readable(String page) {
        Matcher m = Pattern.compile("<table class=\"data\" id=\"decision-log\">(.*?)</table>", Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1).replaceAll("(?s)<details>.*?</details>", "");
    }

    @Test
    void aSession_startedAndEnded_andARefusedCard_readInGermanAndEnglish() {
        WebSession caretaker = WebSession.caretaker();
        Response tap = caretaker.form().formParam("uid", MO).post("/caretaker/chargers/ch-1/tap");
        assertThat(tap.header("Location")).contains("done=tap_accepted");
        ChargingService.SessionView s =
                charging.sessions(null, null, null, "ch-1", 1).get(0);
        assertThat(s.status()).isEqualTo("OPEN");
        assertThat(s.cardUid()).isEqualTo(MO);
        caretaker
                .form()
                .formParam("reason", "Test")
                .post("/caretaker/chargers/sessions/" + s.id() + "/end")
                .then()
                .statusCode(303);
        ChargingService.SessionView ended = charging.session(s.id()).orElseThrow();
        assertThat(ended.status()).isNotEqualTo("OPEN");
        caretaker.form().formParam("typedUid", UNKNOWN).post("/caretaker/chargers/ch-1/tap");

        String de = readable(caretaker.cookies().get("/caretaker/chargers").asString());
        String name = ended.residentName();
        assertThat(de)
                .contains("<th>Person</th>")
                .contains("Ladevorgang " + s.id() + " für " + name + " gestartet, Zählerstand "
                        + Formats.kwh(s.startWh(), 3, Locale.GERMAN) + ".")
                .contains("Die Karte ist nicht angemeldet; nichts gestartet.")
                .contains("<td>" + name + "</td>");
        assertThat(Formats.kwh(s.startWh(), 3, Locale.GERMAN)).matches("[\\d.]+,\\d{3} kWh");
        if (ended.status().equals("FLAGGED")) {
            assertThat(de)
                    .contains("Ladevorgang " + s.id() + " beendet (" + Formats.kwh(ended.energyWh(), 2, Locale.GERMAN)
                            + ") und zur Prüfung vorgelegt statt abgerechnet: das Auto hat keinen Strom bezogen.");
        } else {
            assertThat(de)
                    .contains("Ladevorgang " + s.id() + " beendet: " + Formats.kwh(ended.energyWh(), 2, Locale.GERMAN)
                            + " geladen.");
        }
        assertThat(de).as("no raw Wh outside the folded log lines").doesNotContainPattern("\\d Wh");
        assertThat(de).doesNotContain("is not registered").doesNotContain("Session " + s.id());

        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "en");
        try {
            String en = readable(
                    WebSession.caretaker().cookies().get("/caretaker/chargers").asString());
            assertThat(en)
                    .contains("Session " + s.id() + " started for " + name + ", meter reading "
                            + Formats.kwh(s.startWh(), 3, Locale.ENGLISH) + ".")
                    .contains("The card is not registered; nothing started.");
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
        }
    }
}
