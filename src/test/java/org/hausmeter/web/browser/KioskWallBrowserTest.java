package org.hausmeter.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.hausmeter.accounts.TestApartments;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.support.DemoHistory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The kiosk's wall mode on the two panel sizes a building hangs up: one screen without scrolling, the
 * headline and the live numbers at least 8 % of the screen height, "Stand hh:mm", and today's chart and
 * totals updated on the open page when a quarter hour arrives in the ledger.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the screenshots before the test adds a quarter hour
class KioskWallBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL root;

    @Inject
    Clock clock;

    @Inject
    AgroalDataSource db;

    @Inject
    DemoHistory history;

    @Test
    @Order(1)
    void wall_1024x600() throws Exception {
        checkWall(1024, 600);
    }

    @Test
    @Order(2)
    void wall_1920x1080() throws Exception {
        checkWall(1920, 1080);
    }

    @Test
    @Order(3)
    void wall_updatesTodayWithoutReload_whenAQuarterHourArrives() throws Exception {
        viewport(1024, 600);
        browser.open(root, "/kiosk?wall");
        browser.waitUntil(d -> section().getAttribute("data-day") != null);
        js("window.hausmeterNoReload = true; return 1;");
        String before = browser.find(By.cssSelector("#today figcaption")).getText();

        LocalDate day = LocalDate.ofInstant(clock.instant(), DemoHistory.BERLIN);
        Instant dayStart = Intervals.dayStart(day, DemoHistory.BERLIN);
        TestApartments.Flat flat = TestApartments.create("KB", dayStart, dayStart.plus(Duration.ofDays(1)));
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO interval_energy (meter_id, interval_start,"
                                + " import_wh, export_wh, quality) SELECT id, ?, 1234, 0, 'MEASURED' FROM meter WHERE name = ?")) {
            ps.setTimestamp(1, Timestamp.from(Intervals.floor(clock.instant()).minus(Duration.ofMinutes(30))));
            ps.setString(2, flat.meter());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        // The kiosk rereads the ledger at most every 30 s, the stream looks every 5 s.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(120))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> !d.findElement(By.cssSelector("#today figcaption"))
                        .getText()
                        .equals(before));
        assertThat(js("return window.hausmeterNoReload === true;"))
                .as("no reload")
                .isEqualTo(true);
        assertThat(browser.find(By.cssSelector("#today svg")).isDisplayed()).isTrue();
    }

    @Test
    @Order(4)
    void wall_showsTheStaleState_whenTheStreamStops_andRecovers() {
        viewport(1024, 600);
        ChromeDriver chrome = (ChromeDriver) browser.driver();
        // A switch in front of the page's EventSource (injected before the page's scripts, outside its CSP): the
        // test can cut the stream (no more events, new connections fail) and let it through again.
        Map<String, Object> added = chrome.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "(function () { var Real = window.EventSource; window.cutStream = false; var open = [];"
                                + " window.EventSource = class extends Real { constructor(url, o) {"
                                + " super(window.cutStream ? '/kiosk/stream-cut' : url, o); open.push(this); } };"
                                + " window.setStreamCut = function (cut) { window.cutStream = cut;"
                                + " if (cut) { open.forEach(function (s) { s.close(); }); } }; })();"));
        try {
            browser.open(root, "/kiosk?wall");
            browser.waitUntil(d -> "on".equals(section().getAttribute("data-live")));
            js("window.setStreamCut(true); return 1;");
            // No event for more than 30 s: greyed numbers, and since when there is no current data.
            new WebDriverWait(browser.driver(), Duration.ofSeconds(90))
                    .until(d -> "on".equals(section().getAttribute("data-stale-shown")));
            String stand = browser.find(By.id("stand")).getText();
            assertThat(stand).matches("Stand \\d{2}:\\d{2}");
            assertThat(browser.find(By.id("status")).getText())
                    .isEqualTo("Keine aktuellen Daten seit " + stand.substring("Stand ".length()));
            assertThat(js("return getComputedStyle(document.getElementById('pv')).color;"))
                    .isEqualTo("rgb(95, 107, 115)"); // #5f6b73: grey, and still 4.5:1 (CssContrastTest)
            browser.screenshot("kiosk-wall-stale-1024x600");
            // The stream comes back: kiosk.js opens it again, the numbers are live again.
            js("window.setStreamCut(false); return 1;");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(90))
                    .until(d -> section().getAttribute("data-stale-shown") == null
                            && "on".equals(section().getAttribute("data-live")));
            assertThat(browser.find(By.id("status")).getText()).doesNotContain("Keine aktuellen Daten");
        } finally {
            chrome.executeCdpCommand(
                    "Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }
    }

    private void checkWall(int width, int height) throws Exception {
        // Today's quarter hours of the demo building up to now, so the chart shows a day (idempotent).
        Instant now = Intervals.floor(clock.instant());
        history.between(Intervals.dayStart(LocalDate.ofInstant(now, DemoHistory.BERLIN), DemoHistory.BERLIN), now);
        viewport(width, height);
        browser.consoleMessages();
        browser.open(root, "/kiosk?wall");
        // The first live values and today's chart arrived over the stream; "Stand" says when they were read.
        browser.waitUntil(d -> "on".equals(section().getAttribute("data-live")));
        // Today's chart reaches the quarter hours just written (the kiosk may show a read of up to 30 s before).
        long written = Duration.between(
                                Intervals.dayStart(LocalDate.ofInstant(now, DemoHistory.BERLIN), DemoHistory.BERLIN),
                                now)
                        .toMinutes()
                / 15;
        new WebDriverWait(browser.driver(), Duration.ofSeconds(90)).until(d -> {
            String n = section().getAttribute("data-quarter-hours");
            return n != null && Long.parseLong(n) >= written;
        });
        browser.waitUntil(d -> d.findElement(By.id("stand")).getText().startsWith("Stand "));
        assertThat(browser.find(By.id("stand")).getText()).matches("Stand \\d{2}:\\d{2}");
        assertThat(browser.driver().findElements(By.cssSelector("header.top, nav, footer")))
                .as("no site chrome")
                .isEmpty();

        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) js("var e = document.documentElement;"
                + " function px(id) { return parseFloat(getComputedStyle(document.getElementById(id)).fontSize); }"
                + " return {innerW: window.innerWidth, innerH: window.innerHeight, scrollW: e.scrollWidth,"
                + " scrollH: e.scrollHeight, headline: px('signalText'), pv: px('pv'), use: px('consumption'),"
                + " grid: px('grid')};");
        double innerH = number(m, "innerH");
        assertThat(number(m, "innerW")).isEqualTo(width);
        assertThat(innerH).isEqualTo(height);
        assertThat(number(m, "scrollH")).as("no vertical scrolling").isLessThanOrEqualTo(innerH);
        assertThat(number(m, "scrollW")).as("no horizontal scrolling").isLessThanOrEqualTo(number(m, "innerW"));
        for (String key : new String[] {"headline", "pv", "use", "grid"}) {
            assertThat(number(m, key))
                    .as(key + " font size vs 8 % of the height")
                    .isGreaterThanOrEqualTo(0.08 * innerH);
        }
        // Every part is inside the screen, not cut off: the chart and today's totals too.
        for (String selector :
                new String[] {"#signalText", "#stand", "#pv", "#grid", "#today svg", "#today figcaption"}) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) js(
                    "var r = document.querySelector(arguments[0]).getBoundingClientRect();"
                            + " return {top: r.top, left: r.left, bottom: r.bottom, right: r.right, h: r.height};",
                    selector);
            assertThat(number(r, "top")).as(selector).isGreaterThanOrEqualTo(0);
            assertThat(number(r, "left")).as(selector).isGreaterThanOrEqualTo(0);
            assertThat(number(r, "bottom")).as(selector).isLessThanOrEqualTo(height);
            assertThat(number(r, "right")).as(selector).isLessThanOrEqualTo(width);
            assertThat(number(r, "h")).as(selector).isPositive();
        }
        assertThat(browser.consoleMessages()).noneMatch(msg -> msg.contains("Content Security Policy"));
        browser.screenshot("kiosk-wall-" + width + "x" + height);
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private org.openqa.selenium.WebElement section() {
        return browser.driver().findElement(By.cssSelector("section.kiosk.wall"));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    /** The page's viewport exactly (the headless window's size would include no browser frame, but be sure). */
    private void viewport(int width, int height) {
        ((ChromeDriver) browser.driver())
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }
}
