package org.hausmeter.web.caretaker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.Test;

/**
 * The CSV import's problems in the caretaker's language, each with its line number, rendered from the problem's code
 * and values; the JSON API keeps the English reason and gains the code and values.
 */
@QuarkusTest
class ImportProblemsPageTest {

    /** Line 3 an unknown meter, 4 no timestamp, 5 not a number, 6 an hour that does not exist, 7 a repeated row. */
    static final String BAD = "meter,timestamp,import_kwh\n"
            + "apt-0.1,2026-05-02 00:00,100.5\n"
            + "apt-9.9,2026-05-02 00:15,100.6\n"
            + "apt-0.1,gestern,1\n"
            + "apt-0.1,2026-05-02 00:30,1O0.7\n"
            + "apt-0.1,2026-03-29 02:15,100.8\n"
            + "apt-0.1,2026-05-02 00:00,100.5\n";

    /** The problem table's rows: line number and text. */
    static List<String> rows(String page) {
        Matcher t = Pattern.compile("<table class=\"data\" id=\"problems\">(.*?)</table>", Pattern.DOTALL)
                .matcher(page);
        assertThat(t.find()).isTrue();
        Matcher r = Pattern.compile("<tr><td class=\"num\">(\\d+)</td>.*?<td>([^<]*)</td></tr>")
                .matcher(t.group(1));
        List<String> out = new java.util.ArrayList<>();
        while (r.find()) {
            out.add(r.group(1) + ": " + r.group(2).replace("&#39;", "'"));
        }
        return out;
    }

    private static String preview(WebSession s) {
        return s.form()
                .multiPart("file", "bad.csv", BAD.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("layout", "AUTO")
                .post("/caretaker/import/preview")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Test
    void problems_areInGermanWithTheirLines() {
        assertThat(rows(preview(WebSession.caretaker())))
                .containsExactly(
                        "3: unbekannter Zähler [apt-9.9]",
                        "4: kein Zeitpunkt [gestern] (erwartet z. B. [2025-01-01 00:15], [2025-01-01T00:15+01:00]"
                                + " oder [01/01/2025 00:15])",
                        "5: keine Zahl [1O0.7]",
                        "6: die Ortszeit [2026-03-29 02:15] gibt es in [Europe/Berlin] nicht (die Uhr springt darüber):"
                                + " Abstand zu UTC angeben",
                        "7: doppelte Zeile für Zähler [apt-0.1] zu [2026-05-02 00:00], zuerst in Zeile 2");
    }

    @Test
    void problems_areInEnglish_forAnEnglishCaretaker() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "en");
        try {
            assertThat(rows(preview(WebSession.caretaker())))
                    .contains("3: unknown meter [apt-9.9]", "5: not a number [1O0.7]")
                    .contains("7: duplicate row for meter [apt-0.1] at [2026-05-02 00:00], first on line 2");
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
        }
    }

    @Test
    void theApi_keepsItsEnglishReasons_andGivesCodeAndValues() {
        JsonPath json = given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .header("Accept-Language", "de")
                .contentType("text/csv")
                .body(BAD.getBytes(StandardCharsets.UTF_8))
                .post("/api/imports/preview?name=bad.csv")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getString("problems[0].reason")).isEqualTo("unknown meter [apt-9.9]");
        assertThat(json.getString("problems[0].code")).isEqualTo("unknown_meter");
        assertThat(json.getList("problems[0].args", String.class)).containsExactly("apt-9.9");
        assertThat(json.getLong("problems[0].line")).isEqualTo(3);
    }
}
