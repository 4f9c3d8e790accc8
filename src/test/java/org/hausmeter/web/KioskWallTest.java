package org.hausmeter.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hausmeter.accounts.TestApartments;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.support.DemoHistory;
import org.junit.jupiter.api.Test;

/** The kiosk's wall mode: the page without site chrome, and today's chart and totals over the live stream. */
@QuarkusTest
class KioskWallTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/kiosk/stream")
    URL stream;

    @Inject
    Clock clock;

    @Inject
    AgroalDataSource db;

    @Test
    void wallPage_hasNoSiteChrome_andTheLiveParts() {
        String wall = given().header("Accept-Language", "de")
                .when()
                .get("/kiosk?wall")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .body(containsString("<body class=\"wall\">"))
                .body(not(containsString("<header class=\"top\">")))
                .body(not(containsString("<nav")))
                .body(not(containsString("<footer")))
                .body(containsString("id=\"stand\""))
                .body(containsString("id=\"today\""))
                .body(containsString("<svg"))
                .body(containsString("PV jetzt"))
                .body(containsString("/js/kiosk.js"))
                .body(containsString("http-equiv=\"refresh\""))
                .extract()
                .asString();
        assertThat(wall).doesNotContain("apt-0.1").doesNotContain("Anna");
        // The ordinary page keeps the site's header, and ?wall=false turns the wall mode off.
        for (String path : List.of("/kiosk", "/kiosk?wall=false")) {
            given().header("Accept-Language", "en")
                    .when()
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body(containsString("<header class=\"top\">"))
                    .body(containsString("id=\"today\""))
                    .body(not(containsString("<body class=\"wall\">")));
        }
    }

    @Test
    void wallMode_fromTheQuery_orTheDefault() {
        assertThat(KioskResource.wall(List.of(""), false)).isTrue();
        assertThat(KioskResource.wall(List.of("1"), false)).isTrue();
        assertThat(KioskResource.wall(List.of("false"), true)).isFalse();
        assertThat(KioskResource.wall(List.of("0"), true)).isFalse();
        assertThat(KioskResource.wall(null, true)).isTrue();
        assertThat(KioskResource.wall(List.of(), false)).isFalse();
    }

    @Test
    void stream_sendsToday_onOpening_andAgainWhenTheLedgerHasANewQuarterHour() throws Exception {
        HttpURLConnection c = (HttpURLConnection) stream.openConnection();
        c.setRequestProperty("Accept", "text/event-stream");
        c.setRequestProperty("Accept-Language", "de");
        c.setReadTimeout(120_000);
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            JsonNode first = nextToday(in);
            LocalDate day = LocalDate.parse(first.get("day").asText());
            assertThat(day).isEqualTo(LocalDate.ofInstant(clock.instant(), DemoHistory.BERLIN));
            assertThat(first.get("html").asText()).contains("<svg").contains("Heute (");
            long before = first.get("consumptionTodayWh").asLong();

            // A quarter hour of today arrives in the ledger (a test flat's meter, removed when the class ends).
            Instant slot = Intervals.floor(clock.instant()).minus(Duration.ofMinutes(15));
            Instant dayStart = Intervals.dayStart(day, DemoHistory.BERLIN);
            TestApartments.Flat flat = TestApartments.create("KW", dayStart, dayStart.plus(Duration.ofDays(1)));
            long added = 1_234;
            try (Connection con = db.getConnection();
                    PreparedStatement ps = con.prepareStatement("INSERT INTO interval_energy (meter_id,"
                            + " interval_start, import_wh, export_wh, quality) SELECT id, ?, ?, 0, 'MEASURED'"
                            + " FROM meter WHERE name = ?")) {
                ps.setTimestamp(1, Timestamp.from(slot));
                ps.setLong(2, added);
                ps.setString(3, flat.meter());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            // The same stream sends today again, with the new quarter hour in the totals (the kiosk rereads the
            // ledger at most every 30 s; the stream looks every 5 s): no reload.
            JsonNode next = nextToday(in);
            while (next.get("consumptionTodayWh").asLong() < before + added) {
                next = nextToday(in);
            }
            assertThat(next.get("day").asText()).isEqualTo(day.toString());
            assertThat(next.get("quarterHours").asInt())
                    .isGreaterThanOrEqualTo(first.get("quarterHours").asInt());
            assertThat(next.get("html").asText()).contains("<svg").contains("verbraucht");
        } finally {
            c.disconnect();
        }
    }

    /** Reads the stream up to the next {@code today} event and returns its data. */
    private static JsonNode nextToday(BufferedReader in) throws Exception {
        String event = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && "today".equals(event)) {
                return JSON.readTree(line.substring(5).trim());
            } else if (line.isEmpty()) {
                event = null;
            }
        }
        throw new AssertionError("the stream ended without a today event");
    }
}
