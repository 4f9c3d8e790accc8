package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.scenario.Scenario;
import org.hausmeter.scenario.ScenarioFile;
import org.hausmeter.scenario.ScenarioResult;
import org.hausmeter.scenario.persistence.Scenarios;
import org.hausmeter.support.DemoHistory;
import org.hausmeter.support.Leftovers;
import org.hausmeter.web.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 19, item 4: the caretaker's scenario page over HTTP. June 2026 of the demo building's simulated history is
 * compared with a battery scenario; the page's figures must equal the engine's (run here on the same file);
 * saving, opening, the PDF handout's text and deleting.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaretakerScenariosPageTest {

    static final YearMonth JUNE = YearMonth.of(2026, 6);
    static final String NAME = "ScenPageTest battery";

    @Inject
    DemoHistory history;

    @Inject
    Scenarios scenarios;

    @Inject
    io.agroal.api.AgroalDataSource db;

    private List<String> audited(long id) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (var c = db.getConnection();
                var ps = c.prepareStatement("SELECT action, actor FROM audit_event WHERE subject = ? ORDER BY id")) {
            ps.setString(1, "scenario:" + id);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return out;
    }

    WebSession caretaker;

    @BeforeAll
    void june() throws Exception {
        Leftovers.afterClass(List.of("DELETE FROM saved_scenario WHERE name LIKE 'ScenPageTest%'"));
        history.month(JUNE);
    }

    @BeforeEach
    void login() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
        caretaker = WebSession.caretaker();
    }

    static final Scenario BATTERY = new Scenario(
            "Speicher 30",
            null,
            new Scenario.Battery(
                    new BigDecimal("30"),
                    new BigDecimal("10"),
                    new BigDecimal("10"),
                    new BigDecimal("0.90"),
                    new BigDecimal("0.10"),
                    new BigDecimal("15")),
            null,
            false,
            null,
            new Scenario.Investment(
                    new BigDecimal("18000"),
                    15,
                    new BigDecimal("120"),
                    new BigDecimal("0.03"),
                    new BigDecimal("0.28")));

    private io.restassured.specification.RequestSpecification form(String action) {
        return form(action, new String[] {"Speicher 30", "", ""}, new String[] {"30", "", ""});
    }

    private io.restassured.specification.RequestSpecification form(String action, String[] names, String[] capacity) {
        return caretaker
                .form()
                .formParam("from", "2026-06")
                .formParam("months", "1")
                .formParam("action", action)
                .formParam("saveAs", NAME)
                .formParam("name", (Object[]) names)
                .formParam("capacity", (Object[]) capacity)
                .formParam("chargeKw", "10", "", "")
                .formParam("dischargeKw", "10", "", "")
                .formParam("efficiency", "0,90", "", "")
                .formParam("minSoc", "0.10", "", "")
                .formParam("standbyW", "15", "", "")
                .formParam("ev", "no", "no", "no")
                .formParam("capital", "18000", "", "")
                .formParam("lifetime", "15", "", "")
                .formParam("maintenance", "120", "", "")
                .formParam("rate", "0.03", "", "")
                .formParam("purchase", "0.28", "", "");
    }

    static String kwh(long wh) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.GERMAN);
        f.setMinimumFractionDigits(1);
        f.setMaximumFractionDigits(1);
        return f.format(BigDecimal.valueOf(wh).movePointLeft(3).setScale(1, RoundingMode.HALF_UP));
    }

    static String money(BigDecimal v, Locale locale) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(v) + " EUR";
    }

    /** The cells of the comparison table's row {@code id}. */
    static List<String> row(String html, String id) {
        Matcher m = Pattern.compile("<tr id=\"row-" + id + "\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("row %s", id).isTrue();
        return Pattern.compile("<td class=\"num\">(.*?)</td>")
                .matcher(m.group(1))
                .results()
                .map(r -> r.group(1))
                .toList();
    }

    @Test
    void comparison_showsTheEnginesFigures_andChartsWithTheirTables() {
        Response r = form("compare").post("/caretaker/scenarios/compare");
        assertThat(r.statusCode()).as(r.body().asString()).isEqualTo(200);
        String html = r.body().asString();

        ScenarioFile file = new ScenarioFile(new ScenarioFile.Period("2026-06", 1), List.of(BATTERY));
        Scenarios.Figures f = scenarios.run(file);
        ScenarioResult base = f.comparison().baseline();
        ScenarioResult bat = f.comparison().scenarios().get(0);
        assertThat(bat.energy().batteryOutWh())
                .as("June's surplus charges the battery")
                .isPositive();
        assertThat(bat.energy().gridImportWh()).isLessThan(base.energy().gridImportWh());

        assertThat(row(html, "grid-import"))
                .containsExactly(
                        kwh(base.energy().gridImportWh()), kwh(bat.energy().gridImportWh()));
        assertThat(row(html, "feed-in"))
                .containsExactly(kwh(base.energy().feedInWh()), kwh(bat.energy().feedInWh()));
        assertThat(row(html, "battery-out"))
                .containsExactly("0,0", kwh(bat.energy().batteryOutWh()));
        assertThat(row(html, "bills"))
                .containsExactly(
                        money(base.money().billsGross(), Locale.GERMAN),
                        money(bat.money().billsGross(), Locale.GERMAN));
        assertThat(row(html, "npv")).containsExactly("–", money(bat.investment().npv(), Locale.GERMAN));
        assertThat(row(html, "yearly-saving"))
                .containsExactly("–", money(bat.investment().yearlySaving(), Locale.GERMAN));
        assertThat(bat.investment().yearlySaving()).isPositive();

        // charts: a summer day with the state of charge, month bars; each with title, desc and a table
        assertThat(html)
                .contains("role=\"img\"")
                .contains("<desc id=\"months-desc\">")
                .contains("Speicher 30: typischer Sommertag (Juni 2026)")
                .contains("Ladestand des Speichers")
                .contains("id=\"months-table\"")
                .contains("<path d=\"M");
    }

    @Test
    void aRefusedField_namesTheScenarioAndTheField() {
        Response r = form("compare", new String[] {"Speicher 30", "Zwei", ""}, new String[] {"30", "viel", ""})
                .post("/caretaker/scenarios/compare");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body().asString()).contains("Szenario 2: Kapazität, kWh [viel] ist keine Zahl.");
    }

    @Test
    void save_list_open_handout_delete() throws Exception {
        Response saved = form("save").post("/caretaker/scenarios/compare");
        assertThat(saved.statusCode()).isEqualTo(303);
        String location = saved.header("Location");
        assertThat(location).contains("open=");
        long id = Long.parseLong(location.replaceAll(".*open=(\\d+).*", "$1"));
        String page = caretaker.follow(saved).body().asString();
        assertThat(page)
                .contains("Gespeichert: " + NAME)
                .contains("id=\"saved-" + id + "\"")
                .contains("hauswart");

        ScenarioFile file = new ScenarioFile(new ScenarioFile.Period("2026-06", 1), List.of(BATTERY));
        ScenarioResult bat = scenarios.run(file).comparison().scenarios().get(0);
        assertThat(row(page, "npv")).containsExactly("–", money(bat.investment().npv(), Locale.GERMAN));

        for (String lang : List.of("de", "en")) {
            Response pdf = caretaker.cookies().get("/caretaker/scenarios/" + id + "/handout.pdf?lang=" + lang);
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.contentType()).startsWith("application/pdf");
            byte[] bytes = pdf.body().asByteArray();
            // kept for a look with pdftoppm (docs/scenarios.md)
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
            java.nio.file.Files.write(
                    java.nio.file.Path.of("target", "screenshots", "scenario-handout-" + lang + ".pdf"), bytes);
            PdfReader reader = new PdfReader(bytes);
            StringBuilder text = new StringBuilder();
            PdfTextExtractor x = new PdfTextExtractor(reader);
            for (int p = 1; p <= reader.getNumberOfPages(); p++) {
                text.append(x.getTextFromPage(p)).append('\n');
            }
            Locale locale = "de".equals(lang) ? Locale.GERMAN : Locale.ENGLISH;
            String t = text.toString();
            assertThat(t)
                    .contains(money(bat.investment().npv(), locale))
                    .contains(money(bat.investment().yearlySaving(), locale))
                    .contains("de".equals(lang) ? "Nicht modelliert" : "Not modelled")
                    .contains("de".equals(lang) ? "Kapitalwert" : "Net present value")
                    .contains("30 kWh");
        }

        // a resident may not, nor a form without the CSRF token
        WebSession anna = WebSession.login("anna", "anna-demo");
        assertThat(anna.cookies().get("/caretaker/scenarios").statusCode()).isEqualTo(403);
        assertThat(anna.cookies()
                        .get("/caretaker/scenarios/" + id + "/handout.pdf")
                        .statusCode())
                .isEqualTo(403);
        assertThat(caretaker
                        .cookies()
                        .post("/caretaker/scenarios/" + id + "/delete")
                        .statusCode())
                .isEqualTo(403);

        Response deleted = caretaker.form().post("/caretaker/scenarios/" + id + "/delete");
        assertThat(deleted.statusCode()).isEqualTo(303);
        String after = caretaker.follow(deleted).body().asString();
        assertThat(after).contains("Gelöscht: " + NAME).doesNotContain("id=\"saved-" + id + "\"");
        assertThat(caretaker
                        .cookies()
                        .get("/caretaker/scenarios/" + id + "/handout.pdf")
                        .statusCode())
                .isEqualTo(404);
    }
}
