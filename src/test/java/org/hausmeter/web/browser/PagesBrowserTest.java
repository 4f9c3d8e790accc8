package org.hausmeter.web.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.bus.PollingService;
import org.hausmeter.support.DemoHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The start page, the landing after login, and the caretaker's outcome notices and confirmations in a real
 * browser, at 1280 px and on a 390×844 phone (screenshots in target/screenshots for a person to look at).
 * September 2025 is this class's bill month (issued here, for ever; no other test bills it).
 */
@QuarkusTest
class PagesBrowserTest {

    private static final YearMonth SEPTEMBER_2025 = YearMonth.of(2025, 9);

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL root;

    @Inject
    DemoHistory history;

    @Inject
    Bills bills;

    @Inject
    PollingService polling;

    @Test
    void startPage_showsPvNow_andTheLoginLeadsAResidentToMe() {
        browser.open(root, "/");
        assertThat(browser.find(By.cssSelector("main h1")).getText()).contains("Lindenhof");
        assertThat(browser.text())
                .contains("PV jetzt")
                .doesNotContain("Zeitzone")
                .doesNotContain("health");
        both("start");
        browser.find(By.cssSelector("main a.button[href='/login']")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/login"));
        browser.find(By.name("j_username")).sendKeys("anna");
        browser.find(By.name("j_password")).sendKeys("anna-demo");
        browser.find(By.cssSelector("form[action='/j_security_check'] button[type=submit]"))
                .click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/me"));
    }

    @Test
    void aProtectedPage_asksForTheLogin_andOpensAfterIt() {
        browser.open(root, "/me/bills");
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/login"));
        browser.find(By.name("j_username")).sendKeys("anna");
        browser.find(By.name("j_password")).sendKeys("anna-demo");
        browser.find(By.cssSelector("form[action='/j_security_check'] button[type=submit]"))
                .click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/me/bills"));
    }

    @Test
    void caretaker_landsOnTheConsole_seesWhenTheBusesLastRan_andTheTapsOutcome() {
        polling.runCycle();
        browser.login(root, "hauswart", "hauswart-demo");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/caretaker");
        var cycles = browser.driver().findElements(By.cssSelector("time.cycle-at"));
        assertThat(cycles).as("every bus has run a cycle").isNotEmpty();
        for (var cell : cycles) {
            assertThat(cell.getText()).as("today's local time, not a duration").matches("\\d{2}:\\d{2}");
        }
        both("caretaker-overview");

        browser.open(root, "/caretaker/chargers");
        browser.find(By.cssSelector("#ch-1 input[name=typedUid]")).sendKeys("04FFFFFFFFFF01");
        browser.find(By.cssSelector("#ch-1 form[action$='/tap'] button[type=submit]"))
                .click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("&done="));
        assertThat(browser.driver().getCurrentUrl()).endsWith("#ch-1");
        assertThat(browser.find(By.id("notice")).getText()).contains("Antippen");
        assertThat((Boolean) js("var r = document.getElementById('notice').getBoundingClientRect();"
                        + " return r.top >= 0 && r.bottom <= window.innerHeight;"))
                .as("the outcome is in sight where the page opens (at the charger)")
                .isTrue();
        browser.screenshot("caretaker-chargers-tap-notice-1280");
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.driver().navigate().refresh();
        browser.waitUntil(d -> d.findElement(By.id("notice")).isDisplayed());
        browser.screenshot("caretaker-chargers-tap-notice-390");
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void issuingAMonth_andCancellingABill_needTheirBoxTicked() throws Exception {
        history.month(SEPTEMBER_2025);
        browser.login(root, "hauswart", "hauswart-demo");
        browser.open(root, "/caretaker/billing?month=2025-09");
        browser.find(By.id("run")).click();
        browser.waitUntil(d -> d.getPageSource().contains("id=\"notice\""));
        // Without the box the browser does not send the form (no JavaScript needed: the box is required).
        browser.find(By.id("issue-all")).click();
        assertThat((Boolean) js("return document.getElementById('issue-all-confirm').validity.valueMissing"))
                .isTrue();
        assertThat(bills.month(SEPTEMBER_2025)).allMatch(b -> b.isDraft() || b.cancelled());
        both("caretaker-billing-confirm");

        browser.find(By.id("issue-all-confirm")).click();
        browser.find(By.id("issue-all")).click();
        browser.waitUntil(d -> d.getPageSource().contains("Rechnungen ausgestellt"));
        StoredBill issued = bills.month(SEPTEMBER_2025).stream()
                .filter(b -> b.issuedInvoice())
                .findFirst()
                .orElseThrow();
        // The issued PDF, for a person to look at (target/bill-png): board, key, prices, meter, EV line.
        Response pdf = withBrowserCookies().get("/api/billing/bills/" + issued.id() + "/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        Path dir = Files.createDirectories(Path.of("target", "bill-png"));
        Files.write(dir.resolve("demo-" + issued.apartmentCode() + ".pdf"), pdf.asByteArray());
        for (StoredBill b : bills.month(SEPTEMBER_2025)) {
            if (b.issuedInvoice() && b.lines().stream().anyMatch(l -> l.key().equals("ev.session"))) {
                Files.write(
                        dir.resolve("demo-ev-" + b.apartmentCode() + ".pdf"),
                        withBrowserCookies()
                                .get("/api/billing/bills/" + b.id() + "/pdf")
                                .asByteArray());
                break;
            }
        }
        browser.open(root, "/caretaker/billing/bills/" + issued.id());
        browser.find(By.id("cancel-form"));
        both("caretaker-bill-cancel-confirm");
    }

    /** Screenshots at 1280 px (the whole page, up to 4,000 px) and on a phone (390×844), which must not scroll sideways. */
    private void both(String name) {
        long height = ((Number)
                        js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"))
                .longValue();
        browser.driver().manage().window().setSize(new Dimension(1280, (int)
                Math.min(Math.max(height + 120, 900), 4000)));
        js("window.scrollTo(0, 0)");
        browser.screenshot(name + "-1280");
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        js("window.scrollTo(0, 0)");
        browser.screenshot(name + "-390");
        long overflow = ((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
        assertThat(overflow)
                .as(name + " fits a phone's width; too wide: " + js(WIDE))
                .isLessThanOrEqualTo(0);
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }

    /** The elements that reach past the window's right edge and are not inside a scrolling box. */
    private static final String WIDE = """
            return Array.from(document.querySelectorAll('body *'))
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'))
              .slice(0, 6)
              .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                + ' ' + Math.round(e.getBoundingClientRect().right))
              .join('; ');""";

    private Object js(String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }

    private io.restassured.specification.RequestSpecification withBrowserCookies() {
        var spec = given().redirects().follow(false);
        for (Cookie c : browser.driver().manage().getCookies()) {
            spec = spec.cookie(c.getName(), c.getValue());
        }
        return spec;
    }
}
