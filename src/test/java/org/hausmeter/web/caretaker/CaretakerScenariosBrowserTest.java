package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.YearMonth;
import org.hausmeter.accounts.persistence.Account;
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
 * The scenario page in headless Chromium: June 2026 compared with the form's example scenarios (a battery and a
 * second roof), at 1280 px (whole page) and on a 390×844 phone, where nothing is wider than the screen (wide tables
 * scroll in their own box). Screenshots go to target/screenshots (docs/screenshots/caretaker-scenarios-* come from
 * here).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaretakerScenariosBrowserTest {

    @jakarta.inject.Inject
    DemoHistory history;

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    void june() throws Exception {
        history.month(YearMonth.of(2026, 6));
    }

    @AfterEach
    void german() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }

    private void compareJune() {
        browser.open(root, "/caretaker/scenarios");
        assertThat(browser.find(By.cssSelector("nav.ct a[aria-current=page]")).getText())
                .isIn("Szenarien", "Scenarios");
        js("document.querySelector('input[name=from]').value = '2026-06';"
                + "document.querySelector('input[name=months]').value = '1';");
        browser.find(By.id("compare")).click();
        browser.waitUntil(d -> d.getPageSource().contains("id=\"comparison-table\""));
    }

    @Test
    void comparison_at1280_andOnAPhone() {
        browser.login(root, "hauswart", "hauswart-demo");
        for (String lang : new String[] {"de", "en"}) {
            QuarkusTransaction.requiringNew()
                    .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = lang);
            browser.driver().manage().window().setSize(new Dimension(1280, 900));
            compareJune();
            assertThat(browser.text())
                    .contains("de".equals(lang) ? "Kapitalwert" : "Net present value")
                    .contains("Battery 30 kWh")
                    .contains("Garage roof 10 kWp west");
            assertThat(browser.driver().findElements(By.cssSelector("svg[role=img] > title")))
                    .hasSizeGreaterThanOrEqualTo(5);
            js("window.scrollTo(0, 0)");
            long height = ((Number)
                            js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"))
                    .longValue();
            browser.driver().manage().window().setSize(new Dimension(1280, (int) Math.min(height + 120, 6000)));
            browser.screenshot("caretaker-scenarios-" + lang);

            browser.driver().manage().window().setSize(new Dimension(390, 844));
            compareJune();
            assertThat(((Number) js("return window.innerWidth")).longValue()).isEqualTo(390);
            assertThat(((Number) js("return document.documentElement.scrollWidth")).longValue())
                    .as("the page fits 390 px")
                    .isLessThanOrEqualTo(390);
            js("document.getElementById('comparison').scrollIntoView()");
            browser.screenshot("caretaker-scenarios-" + lang + "-390");
            js("window.scrollTo(0, 0)");
            browser.screenshot("caretaker-scenarios-form-" + lang + "-390");
        }
    }
}
