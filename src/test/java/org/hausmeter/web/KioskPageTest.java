package org.hausmeter.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hausmeter.bus.PollingService;
import org.junit.jupiter.api.Test;

/** The wall page: no login, building totals only, live values as JSON and as Server-Sent Events. */
@QuarkusTest
class KioskPageTest {

    @TestHTTPResource("/kiosk/stream")
    URL stream;

    @Inject
    PollingService polling;

    @Test
    void kioskPage_showsTheBuildingOnly_withAnSvgChart() {
        given().header("Accept-Language", "en")
                .when()
                .get("/kiosk")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", "DENY")
                .body(containsString("PV now"))
                .body(containsString("<svg"))
                .body(containsString("/js/kiosk.js"))
                .body(not(containsString("apt-0.1")))
                .body(not(containsString("Anna")))
                .body(not(containsString("A-0.1")));
        given().when().get("/js/kiosk.js").then().statusCode(200).body(containsString("EventSource"));
    }

    @Test
    void liveValues_asJson_andAsServerSentEvents() throws Exception {
        given().when()
                .get("/kiosk/now")
                .then()
                .statusCode(200)
                .body("signal", notNullValue())
                .body("pv", notNullValue());
        // The live texts come in the request's language: German by default, English on request.
        given().when()
                .get("/kiosk/now")
                .then()
                .body("signalText", org.hamcrest.Matchers.anyOf(containsString("Jetzt"), containsString("Live-Daten")));
        given().header("Accept-Language", "en")
                .when()
                .get("/kiosk/now")
                .then()
                .body("signalText", org.hamcrest.Matchers.anyOf(containsString("now"), containsString("live data")));
        HttpURLConnection c = (HttpURLConnection) stream.openConnection();
        c.setRequestProperty("Accept", "text/event-stream");
        c.setReadTimeout(10_000);
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(c.getContentType()).startsWith("text/event-stream");
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.startsWith("data:"));
            assertThat(line).startsWith("data:").contains("\"signal\"").contains("\"consumption\"");
        } finally {
            c.disconnect();
        }
        assertThat(List.of(polling.pollers().keySet().toArray())).isNotEmpty();
    }
}
