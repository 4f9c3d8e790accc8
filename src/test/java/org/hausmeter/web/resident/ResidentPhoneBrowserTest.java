package org.hausmeter.web.resident;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.YearMonth;
import java.util.Map;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.billing.BillRuns;
import org.hausmeter.billing.BillStatus;
import org.hausmeter.billing.Bills;
import org.hausmeter.energy.ApartmentEnergy;
import org.hausmeter.support.DemoHistory;
import org.hausmeter.web.browser.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Every resident page on a 390×844 phone, in German and English: nothing wider than the screen
 * ({@code document.documentElement.scrollWidth <= 390}), chart labels at least 11 CSS px on screen (the bar chart's
 * narrow form, the heat map at its own size in a frame that scrolls), the own apartment's power now and the price hint
 * on /me. Screenshots of every page at 390×844 and 1280 px (whole page) go to target/screenshots (resident-*-de/en-390
 * and -1280); the ones in docs/screenshots are copies of these.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResidentPhoneBrowserTest {

    @Inject
    DemoHistory history;

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

    /** The pages, by screenshot name. */
    private static final Map<String, String> PAGES = new java.util.LinkedHashMap<>();

    static {
        PAGES.put("dashboard", "/me?period=month&date=2026-06-01");
        PAGES.put("day", "/me?period=day&date=2026-06-10");
        PAGES.put("week", "/me?period=week&date=2026-06-08");
        PAGES.put("year", "/me?period=year&date=2026-06-10");
        PAGES.put("now", "/me");
        PAGES.put("bills", "/me/bills");
        PAGES.put("charging", "/me/charging");
        PAGES.put("export", "/me/export");
        PAGES.put("account", "/me/account");
    }

    @BeforeAll
    void data() throws Exception {
        ResidentTestData.ensure(history, db);
        // An issued bill of anna's (June 2025, the resident pages' month), so /me/bills has a row.
        YearMonth month = YearMonth.of(2025, 6);
        boolean issued = bills.month(month).stream()
                .anyMatch(b -> b.apartmentCode().equals("A-0.1") && b.status() == BillStatus.ISSUED);
        if (!issued) {
            runs.run(month, "test");
            bills.month(month).stream()
                    .filter(b -> b.apartmentCode().equals("A-0.1") && b.isDraft())
                    .findFirst()
                    .ifPresent(b -> bills.issue(b.id(), "test"));
        }
        energy.clear();
    }

    @AfterEach
    void german() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("anna").orElseThrow().locale = "de");
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void german_everyPageFitsAPhone_andChartsAreLegible() {
        everyPage("de", "Ihre Wohnung", "inkl. USt.");
    }

    @Test
    void english_everyPageFitsAPhone_andChartsAreLegible() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("anna").orElseThrow().locale = "en");
        everyPage("en", "Your apartment", "incl. VAT");
    }

    private void everyPage(String lang, String yours, String inclVat) {
        browser.login(root, "anna", "anna-demo");
        for (Map.Entry<String, String> page : PAGES.entrySet()) {
            String name = "resident-" + page.getKey() + "-" + lang;
            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.open(root, page.getValue());
            browser.find(By.cssSelector("main h1"));
            assertThat(number("return window.innerWidth").longValue())
                    .as("the window is a phone's")
                    .isEqualTo(390);
            assertThat(number("return document.documentElement.scrollWidth").longValue())
                    .as(page.getValue() + " fits 390 px; too wide: " + js(WIDE))
                    .isLessThanOrEqualTo(390);
            if (page.getValue().startsWith("/me?") || page.getValue().equals("/me")) {
                dashboardOnAPhone(page.getValue(), yours, inclVat);
            }
            if (page.getKey().equals("charging") || page.getKey().equals("bills")) {
                // Amounts are gross, and say so (on a phone the column's name stands before each value).
                assertThat(browser.driver().findElements(By.cssSelector("td.num[data-label$='" + inclVat + "']")))
                        .as(page.getValue())
                        .isNotEmpty();
            }
            screenshots(name);
        }
        assertThat(browser.consoleMessages())
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused"));
    }

    private void dashboardOnAPhone(String url, String yours, String inclVat) {
        // The own apartment's power now, next to the building's; the poller writes live values every 10 s.
        assertThat(browser.find(By.cssSelector(".now-fig.own .label")).getText())
                .isEqualTo(yours);
        browser.waitUntil(d -> {
            if (d.findElement(By.id("own-power")).getText().matches("\\d+[.,]\\d kW")) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        assertThat(browser.find(By.id("building-use")).getText()).matches("\\d+[.,]\\d kW");
        // The price hint: the level now with the price per kWh incl. VAT, and what comes later today.
        assertThat(browser.find(By.id("price-hint-now")).getText()).contains("/kWh " + inclVat);
        assertThat(browser.find(By.id("price-hint")).getAttribute("class")).matches("hint (cheap|normal|expensive)");
        if (url.equals("/me")) {
            return;
        }
        // The bar chart's narrow form is shown instead of the SVG, its labels at least 11 px.
        assertThat(browser.find(By.cssSelector("svg.bars")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("phone-chart")).isDisplayed()).isTrue();
        assertThat(number("return parseFloat(getComputedStyle(document.querySelector('#phone-chart .t')).fontSize)")
                        .doubleValue())
                .as(url + " bar labels")
                .isGreaterThanOrEqualTo(11.0);
        // The heat map keeps its size (its 11-px labels scaled by its width on screen) in a frame that scrolls.
        assertThat(number("""
                        const s = document.querySelector('svg.heat');
                        return Math.floor(11 * s.getBoundingClientRect().width / s.viewBox.baseVal.width * 10) / 10""").doubleValue())
                .as(url + " heat map labels on screen")
                .isGreaterThanOrEqualTo(10.9);
    }

    /** The phone's view as it opens, the whole page at 390 px and at 1280 px. */
    private void screenshots(String name) {
        js("window.scrollTo(0, 0)");
        browser.screenshot(name + "-390x844");
        browser.driver().manage().window().setSize(new Dimension(390, (int) Math.min(Math.max(height(), 844), 4000)));
        browser.screenshot(name + "-390");
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
        browser.driver().manage().window().setSize(new Dimension(1280, (int)
                Math.min(Math.max(height() + 40, 900), 4000)));
        js("window.scrollTo(0, 0)");
        browser.screenshot(name + "-1280");
    }

    private long height() {
        return number("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
                .longValue();
    }

    /** The elements that reach past the window's right edge. */
    private static final String WIDE = """
            return Array.from(document.querySelectorAll('body *'))
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
              .slice(0, 6)
              .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                + ' ' + Math.round(e.getBoundingClientRect().right))
              .join('; ');""";

    private Number number(String script) {
        return (Number) js(script);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }
}
