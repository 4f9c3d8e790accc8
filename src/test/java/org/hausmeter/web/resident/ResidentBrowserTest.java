package org.hausmeter.web.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hausmeter.web.resident.ResidentTestData.BERLIN;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.billing.BillRuns;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.energy.ApartmentEnergy;
import org.hausmeter.web.browser.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The resident pages in headless Chromium, as a resident uses them: the login form, the dashboard with the
 * own apartment and figures, the period switch and a drill-down into a day, the bills with a PDF that
 * downloads, German and English, no CSP complaints. Screenshots go to target/screenshots (the resident pictures in
 * docs/screenshots are copies of ResidentPhoneBrowserTest's).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResidentBrowserTest {

    @jakarta.inject.Inject
    org.hausmeter.support.DemoHistory history;

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL root;

    @Inject
    AgroalDataSource db;

    @Inject
    BillRuns runs;

    @Inject
    Bills bills;

    @Inject
    ApartmentEnergy energy;

    @BeforeAll
    void data() throws Exception {
        ResidentTestData.ensure(history, db);
        energy.clear();
    }

    @AfterEach
    void german() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("anna").orElseThrow().locale = "de");
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void dashboard_showsTheOwnApartment_andThePeriodSwitchAndDrillDownWork() throws Exception {
        browser.login(root, "anna", "anna-demo");
        browser.open(root, "/me?period=month&date=2026-06-01");
        assertThat(browser.find(By.id("apartment")).getText()).endsWith("(A-0.1)");
        Fmt de = new Fmt(Locale.GERMAN, BERLIN);
        long june = ResidentTestData.wh(db, "A-0.1", LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1));
        assertThat(browser.find(By.id("period-total")).getText()).isEqualTo(de.kwh(june, 1));
        assertThat(browser.find(By.id("report-heading")).getText()).isEqualTo("Verbrauch: Juni 2026");
        assertThat(browser.driver().findElements(By.cssSelector("svg.bars rect.pv")))
                .hasSize(30);
        assertThat(browser.find(By.cssSelector("svg.bars > title")).getAttribute("textContent"))
                .startsWith("Ihr Verbrauch, Juni 2026");
        assertThat(browser.driver()
                        .findElements(
                                By.cssSelector("svg.heat use.h1, svg.heat use.h2, svg.heat use.h3, svg.heat use.h4")))
                .hasSizeGreaterThanOrEqualTo(30);
        assertThat(browser.text())
                .contains(
                        "Heute",
                        "Diese Woche",
                        "Dieser Monat",
                        "Dieses Jahr",
                        "Kosten bis jetzt",
                        "Vergleich",
                        "Gleicher Zeitraum im Vorjahr",
                        "Mittlere Wohnung im Haus");
        fullPage("resident-dashboard-de");

        browser.find(By.linkText("Woche")).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("period=week"));
        assertThat(browser.find(By.id("report-heading")).getText()).startsWith("Verbrauch: KW 23");
        browser.find(By.id("later")).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("date=2026-06-08"));
        assertThat(browser.driver().findElements(By.cssSelector("svg.bars rect.pv")))
                .hasSize(7);
        // A day's bar leads to that day's quarter hours.
        browser.driver().findElements(By.cssSelector("svg.bars a")).get(2).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("period=day&date=2026-06-10"));
        assertThat(browser.find(By.id("period-total")).getText())
                .isEqualTo(de.kwh(
                        ResidentTestData.wh(
                                db, "A-0.1", ResidentTestData.JUNE_10, ResidentTestData.JUNE_10.plusDays(1)),
                        1));
        assertThat(browser.driver().findElements(By.cssSelector("svg.bars g"))).hasSize(96);
        fullPage("resident-day-de");
        assertThat(browser.consoleMessages())
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused"));
    }

    @Test
    void bills_haveAPdfLinkThatDownloadsThePdf() throws Exception {
        YearMonth month = YearMonth.of(2025, 6);
        StoredBill bill = bills.month(month).stream()
                .filter(b -> b.apartmentCode().equals("A-0.1") && b.status() == org.hausmeter.billing.BillStatus.ISSUED)
                .findFirst()
                .orElseGet(() -> {
                    runs.run(month, "test");
                    long draft = bills.month(month).stream()
                            .filter(b -> b.apartmentCode().equals("A-0.1") && b.isDraft())
                            .findFirst()
                            .orElseThrow()
                            .id();
                    return bills.issue(draft, "test");
                });
        browser.login(root, "anna", "anna-demo");
        browser.open(root, "/me/bills");
        WebElement link = browser.find(By.cssSelector("a[href='/me/bills/" + bill.id() + "/pdf']"));
        assertThat(link.getAttribute("aria-label")).isEqualTo("Rechnung " + bill.number() + " als PDF herunterladen");
        browser.screenshot("resident-bills-de");
        Cookie session = browser.driver().manage().getCookieNamed("hausmeter-session");
        Cookie sid = browser.driver().manage().getCookieNamed("hausmeter-sid");
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(link.getAttribute("href")))
                                .header(
                                        "Cookie",
                                        "hausmeter-session=" + session.getValue() + "; hausmeter-sid=" + sid.getValue())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        assertThat(pdf.body()).isEqualTo(bills.pdf(bill.id()));
        // A neighbour's apartment: a page that says no, with the way back.
        browser.open(root, "/me/apartments/A-0.2");
        assertThat(browser.find(By.id("error-message")).getText())
                .isEqualTo("Diese Seite gehört nicht zu Ihrer Wohnung oder Ihrer Mietzeit.");
        assertThat(browser.text()).doesNotContain("A-0.2").doesNotContain("Ben Okafor");
        browser.screenshot("resident-neighbour-403");
    }

    @Test
    void english_afterTheLanguageSwitch_andBackToGerman() throws Exception {
        browser.login(root, "anna", "anna-demo");
        browser.open(root, "/me?period=day&date=2026-06-10");
        browser.find(By.cssSelector("form.lang button[value='en']")).click();
        browser.waitUntil(d -> "en".equals(lang()));
        assertThat(browser.driver().getCurrentUrl()).contains("period=day&date=2026-06-10");
        assertThat(browser.find(By.id("report-heading")).getText()).isEqualTo("Consumption: Wednesday, 10 June 2026");
        Fmt en = new Fmt(Locale.ENGLISH, BERLIN);
        assertThat(browser.find(By.id("period-total")).getText())
                .isEqualTo(en.kwh(
                        ResidentTestData.wh(
                                db, "A-0.1", ResidentTestData.JUNE_10, ResidentTestData.JUNE_10.plusDays(1)),
                        1));
        assertThat(browser.text())
                .contains("Today", "This week", "Cost so far", "Same period last year", "Values as a table");
        browser.open(root, "/me?period=month&date=2026-06-01");
        fullPage("resident-dashboard-en");
        browser.find(By.cssSelector("form.lang button[value='de']")).click();
        browser.waitUntil(d -> "de".equals(lang()));
        assertThat(browser.find(By.id("report-heading")).getText()).isEqualTo("Verbrauch: Juni 2026");
    }

    /** The page's language; asked by script, since the page may be changing under the question. */
    private String lang() {
        return (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("return document.readyState === 'complete' ? document.documentElement.lang : ''");
    }

    /** A screenshot of the whole page: the window made as tall as the page first. */
    private void fullPage(String name) throws Exception {
        Object height = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollHeight");
        browser.driver()
                .manage()
                .window()
                .setSize(new Dimension(1280, Math.min(3000, ((Number) height).intValue() + 140)));
        assertThat(Files.size(browser.screenshot(name))).isPositive();
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }
}
