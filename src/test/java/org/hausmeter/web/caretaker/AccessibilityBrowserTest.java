package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.support.DemoHistory;
import org.hausmeter.web.browser.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Accessibility in headless Chromium (issue 17, items 7 and 8): every caretaker page fits a 390×844 phone
 * ({@code document.documentElement.scrollWidth <= 390}, wide tables scroll in their own box), in German and in
 * English, with screenshots at 390 px and 1280 px under target/screenshots; the skip link is the first focusable
 * element and moves the focus to the main content; the resident's /me has far fewer than 100 tab stops (the
 * heat map's squares are none). Views only: May 2026 (the caretaker pages' month) is shown, never run or issued.
 */
@QuarkusTest
class AccessibilityBrowserTest {

    static final YearMonth MAY = YearMonth.of(2026, 5);

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL root;

    @Inject
    DemoHistory history;

    @AfterEach
    void german() {
        QuarkusTransaction.requiringNew()
                .run(() -> Account.findByUsername("hauswart").orElseThrow().locale = "de");
    }

    @Test
    void everyCaretakerPage_fitsAPhone_inGermanAndEnglish() throws Exception {
        history.month(MAY);
        browser.login(root, "hauswart", "hauswart-demo");
        List<String> pages = pages();
        assertThat(pages).hasSizeGreaterThanOrEqualTo(18);
        List<String> tooWide = new ArrayList<>();
        List<String> charts = new ArrayList<>();
        int chartCount = 0;
        for (String lang : List.of("de", "en")) {
            if (lang.equals("en")) {
                browser.open(root, "/caretaker");
                browser.find(By.cssSelector("form.lang button[value=en]")).click();
                browser.waitUntil(
                        d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            }
            for (String path : pages) {
                browser.driver().manage().window().setSize(new Dimension(1280, 900));
                browser.open(root, path);
                browser.find(By.cssSelector("main h1"));
                String name = "caretaker-" + name(path) + "-" + lang;
                charts.addAll(chartProblems(path));
                chartCount += browser.driver()
                        .findElements(By.cssSelector("svg[role=img]"))
                        .size();
                long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
                browser.driver().manage().window().setSize(new Dimension(1280, (int)
                        Math.min(Math.max(height + 120, 900), 4000)));
                browser.screenshot(name + "-1280");
                browser.driver().manage().window().setSize(new Dimension(390, 844));
                js("window.scrollTo(0, 0)");
                long inner = ((Number) js("return window.innerWidth")).longValue();
                long scroll = ((Number) js("return document.documentElement.scrollWidth")).longValue();
                assertThat(inner).as("the window is a phone's").isLessThanOrEqualTo(390);
                if (scroll > 390 || scroll > inner) {
                    tooWide.add(path + " (" + lang + ") is " + scroll + " px wide: " + js(WIDE));
                }
                // The whole page at phone width, for a person to look at.
                long phoneHeight = ((Number) js("return document.documentElement.scrollHeight")).longValue();
                browser.driver().manage().window().setSize(new Dimension(390, (int)
                        Math.min(Math.max(phoneHeight + 120, 844), 5000)));
                browser.screenshot(name + "-390");
            }
        }
        assertThat(tooWide).as("caretaker pages wider than a 390 px phone").isEmpty();
        assertThat(chartCount)
                .as("charts seen (report, keys, meter; both languages)")
                .isGreaterThanOrEqualTo(6);
        assertThat(charts).as("charts without title, description or table").isEmpty();
    }

    @Test
    void theKioskChart_hasTitleDescriptionAndTable() {
        browser.open(root, "/kiosk");
        browser.find(By.cssSelector("#today svg[role=img]"));
        assertThat(chartProblems("/kiosk")).isEmpty();
    }

    /**
     * Every chart of the page is one image with a title and a description (referenced by aria-labelledby) and
     * has a table alternative in a details element of the same figure or right after it.
     */
    private List<String> chartProblems(String path) {
        Object problems = js("""
                return Array.from(document.querySelectorAll('svg[role=img]')).flatMap(svg => {
                  const out = [];
                  const title = svg.querySelector(':scope > title'), desc = svg.querySelector(':scope > desc');
                  if (!title || !title.textContent.trim()) out.push('no title');
                  if (!desc || !desc.textContent.trim()) out.push('no desc');
                  const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/);
                  if (title && !ids.includes(title.id)) out.push('title not referenced');
                  if (desc && !ids.includes(desc.id)) out.push('desc not referenced');
                  const fig = svg.closest('figure');
                  const table = (fig && fig.querySelector('details table'))
                    || (fig && fig.nextElementSibling && fig.nextElementSibling.matches('details')
                        && fig.nextElementSibling.querySelector('table'));
                  if (!table)
                    out.push('no table');
                  return out.map(p => (svg.getAttribute('class') || 'svg') + ': ' + p);
                });""");
        List<String> out = new ArrayList<>();
        for (Object p : (List<?>) problems) {
            out.add(path + " " + p);
        }
        return out;
    }

    @Test
    void theSkipLink_isTheFirstTabStop_andMovesTheFocusToMain() {
        browser.login(root, "hauswart", "hauswart-demo");
        for (String path : List.of("/caretaker/tariffs", "/kiosk", "/")) {
            browser.open(root, path);
            browser.find(By.cssSelector("main"));
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            WebElement first = browser.driver().switchTo().activeElement();
            assertThat(first.getAttribute("class")).as(path).isEqualTo("skip");
            assertThat(first.getAttribute("href")).as(path).endsWith("#main");
            assertThat(first.getText()).isEqualTo("Zum Inhalt");
            assertThat((Boolean) js("var r = document.activeElement.getBoundingClientRect();"
                            + " return r.top >= 0 && r.height > 0;"))
                    .as("the focused skip link is visible")
                    .isTrue();
            new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
            browser.waitUntil(d -> "main".equals(js("return document.activeElement.id")));
            assertThat(browser.driver().getCurrentUrl()).endsWith("#main");
        }
    }

    @Test
    void me_hasFarFewerThanAHundredTabStops_andKeepsTheHeatMap() throws Exception {
        history.month(MAY);
        browser.driver().manage().deleteAllCookies();
        browser.login(root, "anna", "anna-demo");
        browser.open(root, "/me");
        browser.find(By.cssSelector("svg.heat"));
        long squares = ((Number) js("return document.querySelectorAll('svg.heat use').length")).longValue();
        assertThat(squares).as("the heat map still draws a year of days").isGreaterThanOrEqualTo(364);
        long stops = ((Number) js(TAB_STOPS)).longValue();
        assertThat(stops).as("tab stops on /me").isLessThan(100);
        // The month table (the heat map's text alternative) is one closed tab stop; opened, it links the months.
        WebElement table = browser.find(By.cssSelector("details.heat-table"));
        table.findElement(By.tagName("summary")).click();
        assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSizeGreaterThanOrEqualTo(1);
        assertThat(table.findElements(By.cssSelector("tbody th a[href*='period=month']")))
                .isNotEmpty();
        long opened = ((Number) js(TAB_STOPS)).longValue();
        assertThat(opened).as("tab stops with the month table open").isLessThan(100);
        browser.screenshot("resident-me-heat-table-1280");
    }

    /** Every caretaker page: the sections of the navigation and one page of each kind of detail. */
    private List<String> pages() {
        List<String> pages = new ArrayList<>(List.of(
                "/caretaker",
                "/caretaker/meters",
                "/caretaker/flags",
                "/caretaker/apartments",
                "/caretaker/residents",
                "/caretaker/chargers",
                "/caretaker/charge-points",
                "/caretaker/scenarios",
                "/caretaker/tariffs",
                "/caretaker/billing?month=" + MAY,
                "/caretaker/billing/" + MAY + "/report",
                "/caretaker/billing/" + MAY + "/keys",
                "/caretaker/import",
                "/caretaker/import/mscons",
                "/caretaker/audit",
                "/caretaker/settings",
                "/caretaker/account"));
        for (String[] list : new String[][] {
            {"/caretaker/meters", "/caretaker/meters/"},
            {"/caretaker/apartments", "/caretaker/apartments/"},
            {"/caretaker/residents", "/caretaker/residents/"},
            {"/caretaker/billing?month=" + MAY, "/caretaker/billing/bills/"}
        }) {
            browser.open(root, list[0]);
            browser.find(By.cssSelector("main h1"));
            browser.driver().findElements(By.cssSelector("main a[href^='" + list[1] + "']")).stream()
                    .map(a -> a.getAttribute("href"))
                    .filter(h -> !h.contains("/new") && !h.contains("#"))
                    .findFirst()
                    .ifPresent(h -> pages.add(URI.create(h).getRawPath()));
        }
        return pages;
    }

    private static String name(String path) {
        String p = path.replaceFirst("^/caretaker/?", "").replaceAll("\\?month=.*", "");
        if (p.isEmpty()) {
            return "overview";
        }
        if (p.startsWith("billing/bills/")) {
            return "bill";
        }
        p = p.replaceAll("billing/\\d{4}-\\d{2}/", "");
        String[] parts = p.split("/");
        return parts.length > 1 && !p.startsWith("import") ? parts[0].replaceAll("s$", "") : p.replace('/', '-');
    }

    /** Elements that can take the focus with the tab key and are rendered (not inside a closed details). */
    private static final String TAB_STOPS = """
            return Array.from(document.querySelectorAll(
                'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], svg a'))
              .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0).length;""";

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
}
