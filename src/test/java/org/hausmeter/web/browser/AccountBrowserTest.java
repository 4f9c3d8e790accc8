package org.hausmeter.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.hausmeter.accounts.FirstRun;
import org.hausmeter.support.Leftovers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The first caretaker's first login in a real browser: the one-time password leads to "My account", the message says
 * why, the new password opens the console; the account page at a phone's width (screenshots for a person to look at).
 */
@QuarkusTest
class AccountBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @TestHTTPResource("/")
    URL root;

    @Inject
    FirstRun firstRun;

    @Test
    void firstLogin_withTheOneTimePassword_leadsToMyAccount_untilTheCaretakerChoseTheirOwn() {
        String name = "browser-ct-" + System.nanoTime() % 100_000;
        Leftovers.afterClass(List.of("DELETE FROM account WHERE username = '" + name + "'"));
        String otp = firstRun.createCaretaker(name).oneTimePassword();
        browser.login(root, name, otp);
        browser.open(root, "/caretaker/meters");
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/caretaker/account"));
        assertThat(browser.find(By.id("password-message")).getText()).contains("Einmal-Passwort");
        assertThat(browser.find(By.cssSelector("nav.main a.user")).getAttribute("href"))
                .endsWith("/caretaker/account");
        browser.screenshot("caretaker-account-one-time-1280");
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.screenshot("caretaker-account-one-time-390");
        int overflow = ((Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                        .executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                .intValue();
        assertThat(overflow).as("the account page fits a phone's width").isLessThanOrEqualTo(0);
        browser.driver().manage().window().setSize(new Dimension(1280, 900));

        browser.find(By.id("current")).sendKeys(otp);
        browser.find(By.id("new-password")).sendKeys("a caretaker's own passphrase");
        browser.find(By.id("repeat")).sendKeys("a caretaker's own passphrase");
        browser.find(By.cssSelector("#password-form button[type=submit]")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/caretaker/account?changed=1"));
        assertThat(browser.find(By.id("password-message")).getText()).isEqualTo("Ihr Passwort ist geändert.");
        browser.screenshot("caretaker-account-changed-1280");
        browser.open(root, "/caretaker/meters");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/caretaker/meters");
    }
}
