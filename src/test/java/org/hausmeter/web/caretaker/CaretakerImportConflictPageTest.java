package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.ledger.persistence.IntervalQueries;
import org.hausmeter.support.TestMeters;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's import page: the preview lists values that differ from stored ones with both values and sources, the
 * caretaker keeps or replaces them (reason required) or cancels; an hourly file is refused naming its resolution or
 * spread on request; the meter's day view names each quarter hour's source.
 */
@QuarkusTest
class CaretakerImportConflictPageTest {

    @Inject
    IntervalQueries queries;

    WebSession caretaker;

    @BeforeEach
    void login() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
        caretaker = WebSession.caretaker();
    }

    private String preview(String name, String csv, boolean spread) {
        var form = caretaker
                .form()
                .multiPart("file", name, csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("layout", "AUTO");
        if (spread) {
            form = form.multiPart("spread", "on");
        }
        return form.post("/caretaker/import/preview")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static String token(String page) {
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a token on the page").isTrue();
        return m.group(1);
    }

    @Test
    void conflictsAreListedWithBothValuesAndSources_replaceNeedsAReason_andTheDayViewNamesTheFileAndLine() {
        String m = TestMeters.common("page-conf").name;
        String first =
                "meter,timestamp,interval_import_kwh\n" + m + ",2024-08-01 10:00,0.1\n" + m + ",2024-08-01 10:15,0.2\n";
        Response done = caretaker
                .form()
                .formParam("token", token(preview("erste.csv", first, false)))
                .formParam("name", "erste.csv")
                .formParam("layout", "AUTO")
                .post("/caretaker/import/commit");
        assertThat(done.statusCode()).isEqualTo(303);
        caretaker
                .follow(done)
                .then()
                .body(containsString("Importiert: 2 neue Werte"))
                .body(containsString("Zeilen"));

        String second = "meter,timestamp,interval_import_kwh\n" + m + ",2024-08-01 10:15,0.3\n";
        String page = preview("zweite.csv", second, false);
        assertThat(page)
                .contains("1 Werte der Datei weichen von gespeicherten Werten ab")
                .contains("CSV erste.csv Zeile 3")
                .contains("CSV zweite.csv Zeile 2")
                .contains("0.2 kWh")
                .contains("0.3 kWh")
                .contains("value=\"REPLACE\"")
                .doesNotContain("Keine Fehler gefunden");
        String token = token(page);
        caretaker
                .form()
                .formParam("token", token)
                .formParam("name", "zweite.csv")
                .formParam("onConflict", "REPLACE")
                .formParam("reason", " ")
                .post("/caretaker/import/commit")
                .then()
                .statusCode(400)
                .body(containsString("Begründung"));
        Response replaced = caretaker
                .form()
                .formParam("token", token)
                .formParam("name", "zweite.csv")
                .formParam("onConflict", "REPLACE")
                .formParam("reason", "Korrektur des Netzbetreibers")
                .post("/caretaker/import/commit");
        assertThat(replaced.statusCode()).isEqualTo(303);
        caretaker.follow(replaced).then().body(containsString("1 ersetzt"));
        assertThat(queries.intervals(m, Instant.parse("2024-08-01T08:15:00Z"), Instant.parse("2024-08-01T08:30:00Z")))
                .singleElement()
                .satisfies(i -> assertThat(i.importWh()).isEqualTo(300));

        caretaker
                .cookies()
                .get("/caretaker/meters/" + m + "?day=2024-08-01")
                .then()
                .statusCode(200)
                .body(containsString("Herkunft der Viertelstundenwerte"))
                .body(containsString("10:00–10:15"))
                .body(containsString("CSV erste.csv Zeile 2"))
                .body(containsString("CSV zweite.csv Zeile 2"));
    }

    @Test
    void cancel_storesNothing_andHourlyFilesAreRefusedOrSpreadOnRequest() {
        String m = TestMeters.common("page-hourly").name;
        String hourly = "meter;05.08.2024 10:00;05.08.2024 11:00\n" + m + ";1;2\n";
        String refused = preview("stunden.csv", hourly, false);
        assertThat(refused).contains("values are hourly").contains("stündlich").doesNotContain("id=\"commit\"");

        String spread = preview("stunden.csv", hourly, true);
        assertThat(spread)
                .contains("gleichmäßig auf die Viertelstunden verteilt")
                .contains("id=\"commit\"");
        Response cancelled = caretaker.form().formParam("token", token(spread)).post("/caretaker/import/cancel");
        assertThat(cancelled.statusCode()).isEqualTo(303);
        caretaker.follow(cancelled).then().body(containsString("Import abgebrochen"));
        Instant from = Instant.parse("2024-08-05T08:00:00Z");
        Instant to = Instant.parse("2024-08-05T10:00:00Z");
        assertThat(queries.intervals(m, from, to)).isEmpty();

        Response stored = caretaker
                .form()
                .formParam("token", token(preview("stunden.csv", hourly, true)))
                .formParam("name", "stunden.csv")
                .formParam("spread", "on")
                .post("/caretaker/import/commit");
        assertThat(stored.statusCode()).isEqualTo(303);
        assertThat(queries.intervals(m, from, to))
                .hasSize(8)
                .allSatisfy(i -> assertThat(i.source().toString()).isEqualTo("CSV [stunden.csv] line [2]"));
        caretaker
                .cookies()
                .get("/caretaker/meters/" + m + "?day=2024-08-05")
                .then()
                .body(containsString("geschätzt"))
                .body(not(containsString("gemessen (Abruf)")));
    }
}
