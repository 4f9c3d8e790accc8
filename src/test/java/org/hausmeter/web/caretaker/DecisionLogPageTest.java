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

    @Inject
    io.agroal.api.AgroalDataSource db;

    @Inject
    java.time.Clock clock;

    @Test
    void aFlaggedSession_saysWhyInTheSessionsTable_inGerman() throws Exception {
        java.time.Instant start = clock.instant().minusSeconds(3600);
        long id;
        try (var c = db.getConnection();
                var ps = c.prepareStatement("""
                        INSERT INTO charging_session (charger, meter_id, card_uid, resident_id, tenancy_id, started_at,
                            ended_at, start_wh, end_wh, status, flag_reason, end_reason, seen_power, source)
                        SELECT 'ch-2', m.id, k.uid, a.id, t.id, ?, ?, 2000500, 1000000, 'FLAGGED',
                            'end reading 1000000 Wh is below the start reading 2000500 Wh', 'CARETAKER', true,
                            'SIMULATED_TAP'
                        FROM account a JOIN tenancy t ON t.resident_id = a.id AND t.move_out IS NULL
                        JOIN charging_card k ON k.resident_id = a.id
                        JOIN meter m ON m.charger = 'ch-2' AND m.removed_at IS NULL
                        WHERE a.username = 'mo' LIMIT 1 RETURNING id""")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(start));
            ps.setTimestamp(2, java.sql.Timestamp.from(start.plusSeconds(600)));
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                id = rs.getLong(1);
            }
        }
        try {
            String page =
                    WebSession.caretaker().cookies().get("/caretaker/chargers").asString();
            assertThat(page)
                    .contains("der Zählerstand am Ende (1.000,000 kWh) liegt unter dem am Anfang (2.000,500 kWh)")
                    .doesNotContain(">end reading 1000000 Wh");
        } finally {
            try (var c = db.getConnection();
                    var ps = c.prepareStatement("DELETE FROM charging_session WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }
    }

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
