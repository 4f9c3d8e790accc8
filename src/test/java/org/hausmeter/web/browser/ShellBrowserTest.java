package org.hausmeter.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The web shell in a real browser: login, errors, throttling, logout, language switch, the kiosk under the CSP. */
@QuarkusTest
class ShellBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL root;

    @Test
    void resident_logsInThroughTheForm_andLandsOnTheirApartment() throws Exception {
        browser.open(root, "/login");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Anmelden");
        assertThat(Files.size(browser.screenshot("login-de"))).isPositive();
        browser.login(root, "anna", "anna-demo");
        // A resident lands on their own apartment's page (/me), not on the public start page.
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(root + "me");
        assertThat(browser.find(By.cssSelector("nav.main .user")).getText()).isEqualTo("Anna Berger");
        assertThat(browser.find(By.cssSelector("nav.main a[href='/me']")).getText())
                .isEqualTo("Meine Wohnung");
        assertThat(browser.driver().findElements(By.cssSelector("nav.main a[href='/caretaker']")))
                .isEmpty();
        browser.screenshot("landing-resident");
    }

    @Test
    void wrongPassword_showsAnError() {
        browser.submitLogin(root, "ben", "not-his-password");
        assertThat(browser.find(By.id("login-message")).getText()).isEqualTo("Benutzername oder Passwort ist falsch.");
        assertThat(browser.driver().manage().getCookieNamed("hausmeter-session"))
                .isNull();
        browser.screenshot("login-wrong-password");
    }

    @Test
    void repeatedFailures_areThrottled_withTheWaitOnThePage() {
        for (int i = 0; i < 5; i++) {
            browser.submitLogin(root, "ida", "wrong-" + i);
        }
        browser.submitLogin(root, "ida", "ida-demo1");
        assertThat(browser.find(By.id("login-message")).getText())
                .matches("Zu viele Versuche, bitte in \\d+ s erneut versuchen\\.");
        assertThat(browser.driver().manage().getCookieNamed("hausmeter-session"))
                .isNull();
        browser.screenshot("login-throttled");
    }

    @Test
    void logout_endsTheSession() {
        browser.login(root, "hauswart", "hauswart-demo");
        assertThat(browser.find(By.cssSelector("nav.main a[href='/caretaker']")).getText())
                .isEqualTo("Hauswart");
        browser.find(By.cssSelector("form.logout button")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/login?logout"));
        assertThat(browser.find(By.id("login-message")).getText()).isEqualTo("Sie sind abgemeldet.");
        assertThat(browser.driver().manage().getCookieNamed("hausmeter-session"))
                .isNull();
        browser.open(root, "/");
        assertThat(browser.find(By.cssSelector("nav.main a.login")).getText()).isEqualTo("Anmelden");
    }

    @Test
    void languageSwitch_rendersEnglishAndBackGerman() {
        browser.open(root, "/login");
        browser.find(By.cssSelector("form.lang button[value='en']")).click();
        browser.waitUntil(d -> d.findElement(By.tagName("h1")).getText().equals("Log in"));
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.text()).contains("Your caretaker gives you your login.");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
        browser.screenshot("login-en");
        browser.find(By.cssSelector("form.lang button[value='de']")).click();
        browser.waitUntil(d -> d.findElement(By.tagName("h1")).getText().equals("Anmelden"));
    }

    @Test
    void kiosk_showsLiveValues_underTheContentSecurityPolicy() {
        browser.consoleMessages();
        browser.open(root, "/kiosk");
        // kiosk.js marks the section once the first Server-Sent Event arrived: the script ran and connected.
        browser.waitUntil(
                d -> "on".equals(d.findElement(By.cssSelector("section.kiosk")).getAttribute("data-live")));
        assertThat(browser.find(By.id("pv")).getText()).matches("–|-?\\d+,\\d kW");
        assertThat(browser.find(By.cssSelector("dl.figures dt")).getText()).isEqualTo("PV jetzt");
        assertThat(browser.driver().findElements(By.cssSelector("figure.chart svg")))
                .hasSize(1);
        assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy"));
        browser.screenshot("kiosk");
    }
}
