package org.hausmeter.web.caretaker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.time.YearMonth;
import java.util.List;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.billing.pdf.Poppler;
import org.hausmeter.web.WebSession;
import org.hausmeter.web.browser.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The caretaker in headless Chromium: runs January 2026's bills, adjusts one, issues them, downloads a PDF,
 * cancels one and sees the cancellation invoice and the new draft; then every console page in German and
 * English, with screenshots under target/screenshots (the ones in docs/screenshots come from here).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaretakerBrowserTest {

    @jakarta.inject.Inject
    org.hausmeter.support.DemoHistory history;

    static final YearMonth JANUARY = YearMonth.of(2026, 1);

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL root;

    @Inject
    Bills bills;

    @BeforeAll
    void january() throws Exception {
        history.month(JANUARY);
    }

    @AfterEach
    void german() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
    }

    @Test
    @Order(1)
    void caretaker_runsAdjustsIssuesDownloadsAPdf_andCancelsABill() throws Exception {
        browser.login(root, "hauswart", "hauswart-demo");
        browser.open(root, "/caretaker/billing?month=2026-01");
        assertThat(browser.text()).contains("Abrechnung Januar 2026");
        browser.find(By.id("run")).click();
        browser.waitUntil(d -> d.getPageSource().contains("Abrechnung gerechnet"));
        assertThat(browser.driver().findElements(By.cssSelector("#bills tr[data-status=DRAFT]")))
                .hasSizeGreaterThanOrEqualTo(12);

        // Adjust A-1.2's draft on its page.
        browser.find(By.cssSelector("#bills tr[data-apartment='A-1.2'] a[href^='/caretaker/billing/bills/']"))
                .click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("/caretaker/billing/bills/"));
        browser.find(By.cssSelector("#adjust-form input[name=reason]")).sendKeys("Nachlass Treppenhauslicht defekt");
        browser.find(By.cssSelector("#adjust-form input[name=net]")).sendKeys("-8,40");
        browser.find(By.id("adjust")).click();
        browser.waitUntil(d -> d.getPageSource().contains("Korrekturposten hinzugefügt"));
        assertThat(browser.text()).contains("Nachlass Treppenhauslicht defekt").contains("-8,40 €");
        shot("caretaker-bill-de");

        // Issue the whole month.
        browser.open(root, "/caretaker/billing?month=2026-01");
        browser.find(By.id("issue-all-confirm")).click();
        browser.find(By.id("issue-all")).click();
        browser.waitUntil(d -> d.getPageSource().contains("id=\"notice\""));
        assertThat(browser.find(By.id("notice")).getText())
                .as("the month is issued, not refused")
                .contains("Rechnungen ausgestellt");
        assertThat(browser.driver().findElements(By.cssSelector("#bills tr[data-apartment^='A-'][data-status=DRAFT]")))
                .isEmpty();
        shot("caretaker-billing-de");

        // Download A-1.2's PDF with the browser's session: a PDF with the bill's number and the adjustment.
        StoredBill a12 = bills.month(JANUARY).stream()
                .filter(b -> b.apartmentCode().equals("A-1.2") && !b.isDraft())
                .findFirst()
                .orElseThrow();
        String href = browser.find(By.cssSelector("#bills tr[data-apartment='A-1.2'] a.pdf"))
                .getAttribute("href");
        Response pdf = withBrowserCookies().get(href);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        byte[] bytes = pdf.asByteArray();
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        String text = Poppler.text(bytes, Files.createTempDirectory("caretaker-pdf"));
        assertThat(text).contains(a12.number()).contains("Treppenhauslicht");

        // The month's ZIP holds every issued bill.
        Response zip = withBrowserCookies().get(browser.find(By.id("zip")).getAttribute("href"));
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.contentType()).isEqualTo("application/zip");
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.asByteArray()))) {
            List<String> names = new java.util.ArrayList<>();
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
            assertThat(names).contains(a12.fileName()).hasSizeGreaterThanOrEqualTo(12);
        }

        // Cancel it: a cancellation invoice with its own number and a new draft for the same period.
        browser.open(root, "/caretaker/billing/bills/" + a12.id());
        browser.find(By.cssSelector("#cancel-form input[name=reason]")).sendKeys("Zählerstand falsch übernommen");
        browser.find(By.id("cancel-confirm")).click();
        browser.find(By.id("cancel")).click();
        browser.waitUntil(d -> d.getPageSource().contains("storniert mit Stornorechnung"));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#bills tr[data-apartment='A-1.2']"));
        assertThat(rows)
                .extracting(r -> r.getAttribute("data-status") + "/" + r.getAttribute("data-kind"))
                .containsExactlyInAnyOrder("CANCELLED/INVOICE", "ISSUED/CANCELLATION", "DRAFT/INVOICE");
        assertThat(browser.text()).contains("Stornorechnung").contains("ersetzt " + a12.number());
        shot("caretaker-cancelled-de");

        // A handover inside the issued month is refused: the issued bill has to be cancelled first.
        WebSession s = WebSession.caretaker();
        s.form()
                .formParam("day", "2026-01-10")
                .formParam("resident", "-")
                .post("/caretaker/apartments/A-3.1/handover")
                .then()
                .statusCode(409)
                .body(containsString("covers days after the handover"));
        assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy"));
    }

    @Test
    @Order(2)
    void everyPage_inGermanAndEnglish() throws Exception {
        browser.login(root, "hauswart", "hauswart-demo");
        List<String[]> pages = List.of(
                new String[] {"/caretaker", "overview"},
                new String[] {"/caretaker/meters", "meters"},
                new String[] {"/caretaker/meters/pv?day=2026-01-15", "meter"},
                new String[] {"/caretaker/flags", "flags"},
                new String[] {"/caretaker/apartments", "apartments"},
                new String[] {"/caretaker/apartments/A-2.1", "apartment"},
                new String[] {"/caretaker/residents", "residents"},
                new String[] {"/caretaker/residents/fatma", "resident"},
                new String[] {"/caretaker/chargers", "chargers"},
                new String[] {"/caretaker/tariffs", "tariffs"},
                new String[] {"/caretaker/billing?month=2026-01", "billing"},
                new String[] {"/caretaker/billing/2026-01/report", "report"},
                new String[] {"/caretaker/billing/2026-01/keys", "keys"},
                new String[] {"/caretaker/import", "import"},
                new String[] {"/caretaker/audit", "audit"},
                new String[] {"/caretaker/settings", "settings"});
        for (String[] p : pages) {
            browser.open(root, p[0]);
            assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang"))
                    .isEqualTo("de");
            assertThat(browser.driver()
                            .findElement(By.cssSelector("nav.ct a[aria-current=page]"))
                            .getText())
                    .isNotBlank();
            shot("caretaker-" + p[1] + "-de");
        }
        // The CSV preview lists the bad lines with their numbers; nothing is imported.
        java.nio.file.Path csv = Files.createTempFile("readings", ".csv");
        Files.writeString(
                csv,
                "meter,timestamp,import_kwh\napt-0.1,2026-01-20 00:00,1500.25\napt-9.9,2026-01-20 00:15,1500.5\n"
                        + "apt-0.1,2026-01-20 00:30,15OO.75\napt-0.1,2026-03-29 02:15,1501\n");
        browser.open(root, "/caretaker/import");
        browser.find(By.cssSelector("input[type=file]"))
                .sendKeys(csv.toAbsolutePath().toString());
        browser.find(By.cssSelector("form[action='/caretaker/import/preview'] button[type=submit]"))
                .click();
        browser.waitUntil(d -> d.getPageSource().contains("id=\"problems\""));
        assertThat(browser.driver().findElements(By.cssSelector("#problems tbody tr")))
                .hasSize(3);
        assertThat(browser.text()).contains("3 Probleme").contains("unbekannter Zähler [apt-9.9]");
        shot("caretaker-import-preview-de");
        assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy"));
        browser.open(root, "/caretaker");
        browser.find(By.cssSelector("form.lang button[value=en]")).click();
        browser.waitUntil(d -> {
            try {
                return d.findElement(By.tagName("html")).getAttribute("lang").equals("en");
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false; // the page is being replaced by the English one
            }
        });
        for (String[] p : pages) {
            browser.open(root, p[0]);
            assertThat(browser.text()).doesNotContain("Hauswart-Übersicht").doesNotContain("Abrechnung gerechnet");
            shot("caretaker-" + p[1] + "-en");
        }
        browser.open(root, "/caretaker/billing/2026-01/keys");
        assertThat(browser.text())
                .contains("Allocation keys compared, January 2026")
                .contains("Equal shares with redistribution");
        browser.open(root, "/caretaker/tariffs");
        assertThat(browser.text()).contains("Valid from 1 Jan 2025");
    }

    /** The whole page (up to 4,000 px high), then back to the usual window. */
    private void shot(String name) {
        ((JavascriptExecutor) browser.driver()).executeScript("window.scrollTo(0, 0)");
        long height = (Long) ((JavascriptExecutor) browser.driver())
                .executeScript("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        browser.driver().manage().window().setSize(new Dimension(1280, (int)
                Math.min(Math.max(height + 120, 900), 4000)));
        ((JavascriptExecutor) browser.driver()).executeScript("window.scrollTo(0, 0)");
        browser.screenshot(name);
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }

    private io.restassured.specification.RequestSpecification withBrowserCookies() {
        var spec = given().redirects().follow(false);
        for (Cookie c : browser.driver().manage().getCookies()) {
            spec = spec.cookie(c.getName(), c.getValue());
        }
        return spec;
    }
}
